import ngeohash from 'ngeohash';
import { distanceM, type LatLng } from './distance.ts';

/**
 * Stores are grouped in geohash cells of precision 5 (about 3.9 km × 4.9 km in Korea). A 1 km lookup
 * reads 1–4 cells (~2 on average) and a 5 km one ~10, where precision 6 read ~10 and ~160; and each
 * cell is shared by many more lookups, so a short cache hits far more often. The densest demo cell
 * (central Seoul) holds ~280 stores: 82 KB of JSON, 8 KB gzipped, far below DynamoDB's 400 KB item limit.
 */
export const CELL_PRECISION = 5;

export const cellOf = (point: LatLng, precision = CELL_PRECISION): string => ngeohash.encode(point.lat, point.lng, precision);

/** Metres from `point` to the nearest point of a cell's rectangle (0 inside it). */
const distanceToCell = (point: LatLng, cell: string): number => {
  const [minLat, minLng, maxLat, maxLng] = ngeohash.decode_bbox(cell) as [number, number, number, number];
  const nearest = { lat: Math.min(Math.max(point.lat, minLat), maxLat), lng: Math.min(Math.max(point.lng, minLng), maxLng) };
  return distanceM(point, nearest);
};

/** Every cell that may hold a point within `radiusM` of `center`, and no cell that cannot. */
export const coverCircle = (center: LatLng, radiusM: number, precision = CELL_PRECISION): string[] => {
  const dLat = radiusM / 111_320;
  const dLng = radiusM / (111_320 * Math.cos((center.lat * Math.PI) / 180));
  return ngeohash
    .bboxes(center.lat - dLat, center.lng - dLng, center.lat + dLat, center.lng + dLng, precision)
    .filter((cell) => distanceToCell(center, cell) <= radiusM);
};
