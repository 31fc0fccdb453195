import { LocationGeocoder } from './adapters/location-geocoder.ts';
import { NoGeocoder } from './adapters/no-geocoder.ts';
import { config } from './config.ts';
import type { Geocoder } from './ports/geocoder.ts';

export const geocoder: Geocoder = config.runtime === 'aws' ? new LocationGeocoder(config.placeIndexName()) : new NoGeocoder();
