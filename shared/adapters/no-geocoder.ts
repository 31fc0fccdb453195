import { GeocodingUnavailable, type Geocoder } from '../ports/geocoder.ts';

/** The local runtime has no place index: rows without coordinates are refused, row by row. */
export class NoGeocoder implements Geocoder {
  async locate(): Promise<never> {
    throw new GeocodingUnavailable('Addresses cannot be geocoded locally; give lat and lng for this row (on AWS an Amazon Location place index fills them in).');
  }
}
