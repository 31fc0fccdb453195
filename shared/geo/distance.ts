import turfDistance from '@turf/distance';

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** Great-circle metres (haversine on the WGS84 mean radius): within 0.5% at these distances. */
export const distanceM = (a: LatLng, b: LatLng): number => turfDistance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
