import type { LatLng } from '../geo/distance.ts';

/** Address → coordinates: an Amazon Location place index on AWS; locally there is none. */
export interface Geocoder {
  /** Undefined when the address cannot be placed; throws only when the service itself fails. */
  locate(address: string): Promise<LatLng | undefined>;
}

export class GeocodingUnavailable extends Error {
  override name = 'GeocodingUnavailable';
}
