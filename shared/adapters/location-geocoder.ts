import { LocationClient, SearchPlaceIndexForTextCommand } from '@aws-sdk/client-location';
import type { LatLng } from '../geo/distance.ts';
import type { Geocoder } from '../ports/geocoder.ts';

export class LocationGeocoder implements Geocoder {
  constructor(
    private readonly placeIndex: string,
    private readonly client: LocationClient = new LocationClient({}),
  ) {}

  async locate(address: string): Promise<LatLng | undefined> {
    const { Results = [] } = await this.client.send(
      new SearchPlaceIndexForTextCommand({ IndexName: this.placeIndex, Text: address, FilterCountries: ['KOR'], MaxResults: 1, Language: 'ko' }),
    );
    const point = Results[0]?.Place?.Geometry?.Point;
    if (!point || point.length < 2) return undefined;
    const [lng, lat] = point as [number, number];
    return { lat, lng };
  }
}
