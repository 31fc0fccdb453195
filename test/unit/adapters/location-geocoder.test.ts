import { LocationClient, SearchPlaceIndexForTextCommand } from '@aws-sdk/client-location';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { LocationGeocoder } from '../../../shared/adapters/location-geocoder.ts';

describe('the Amazon Location geocoder', () => {
  it('asks the place index for one Korean result and reads its point as lng, lat', async () => {
    const location = mockClient(LocationClient);
    location.on(SearchPlaceIndexForTextCommand).resolves({
      Results: [{ Place: { Geometry: { Point: [127.0286, 37.5133] } }, PlaceId: 'p', Relevance: 1 }],
      Summary: undefined,
    } as never);
    const point = await new LocationGeocoder('crisis-places', new LocationClient({})).locate('서울특별시 강남구 논현동 1-1');
    expect(point).toEqual({ lat: 37.5133, lng: 127.0286 });
    expect(location.commandCalls(SearchPlaceIndexForTextCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'crisis-places',
      Text: '서울특별시 강남구 논현동 1-1',
      FilterCountries: ['KOR'],
      MaxResults: 1,
    });
  });

  it('says "not found" when nothing matches, so the row gets its own error', async () => {
    const location = mockClient(LocationClient);
    location.on(SearchPlaceIndexForTextCommand).resolves({ Results: [] } as never);
    expect(await new LocationGeocoder('i', new LocationClient({})).locate('없는 주소')).toBeUndefined();
  });

  it('lets a service failure through, so the import fails loudly instead of rejecting good rows', async () => {
    const location = mockClient(LocationClient);
    location.on(SearchPlaceIndexForTextCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(new LocationGeocoder('i', new LocationClient({ maxAttempts: 1 })).locate('x')).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
