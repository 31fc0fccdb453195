/**
 * The map's geometry. No tiles are needed: an equirectangular projection around the centre is
 * accurate to well under 1% within 5 km, which is all this map ever shows.
 */

/** Metres per degree of latitude on a sphere of the Earth's mean radius. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/**
 * A function from a position to map units (x east, y south, as SVG draws), with `radiusM` from the
 * centre drawn `radiusUnits` away from it.
 * @param {{ lat: number, lng: number }} center
 * @param {number} radiusM
 * @param {number} radiusUnits
 */
export const projectAround = (center, radiusM, radiusUnits) => {
  const scale = radiusUnits / radiusM;
  const eastScale = METRES_PER_DEGREE * Math.cos((center.lat * Math.PI) / 180) * scale;
  const northScale = METRES_PER_DEGREE * scale;
  /** @param {{ lat: number, lng: number }} position */
  return (position) => ({ x: (position.lng - center.lng) * eastScale, y: -(position.lat - center.lat) * northScale });
};

/** Distances worth a ring: the radius choices themselves, so a ring reads as "within 1 km". */
const RING_DISTANCES_M = [250, 500, 1000, 3000, 5000];

/** Up to three rings, the outermost at `radiusM`. @param {number} radiusM */
export const ringsFor = (radiusM) => {
  const inside = RING_DISTANCES_M.filter((distance) => distance < radiusM);
  return [...inside.slice(-2), radiusM];
};
