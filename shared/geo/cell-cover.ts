import ngeohash from 'ngeohash';
import { distanceM, type LatLng } from './distance.ts';

/**
 * Stores are grouped in geohash cells of precision 6 (about 1.2 km × 0.6 km in Korea): a 1 km lookup
 * reads about 16 cells and a 5 km one about 150 — one or two BatchGetItem calls — and a dense Seoul
 * cell still holds only a few dozen stores, far below DynamoDB's 400 KB item limit.
 */
export const CELL_PRECISION = 6;

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
