import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { registerScreen, screenForHash, screensFor } from '../../../web/console/registry.js';

const screen = (id: string, roles: string[]) => ({ id, title: `t.${id}`, roles, load: () => undefined });

describe('the console’s screen registry', () => {
  registerScreen(screen('inbox', ['officer', 'admin', 'national-admin']));
  registerScreen(screen('people', ['admin', 'national-admin']));
  registerScreen(screen('nation', ['national-admin']));

  it('shows each official only the screens of their role, in the order they were registered', () => {
    expect(screensFor('officer').map((s: { id: string }) => s.id)).toEqual(['inbox']);
    expect(screensFor('admin').map((s: { id: string }) => s.id)).toEqual(['inbox', 'people']);
    expect(screensFor('national-admin').map((s: { id: string }) => s.id)).toEqual(['inbox', 'people', 'nation']);
  });

  it('opens the screen a link names, and an official’s first screen for a link to one they may not see', () => {
    expect(screenForHash(screensFor('admin'), '#/people').id).toBe('people');
    expect(screenForHash(screensFor('officer'), '#/people').id).toBe('inbox');
    expect(screenForHash(screensFor('officer'), '').id).toBe('inbox');
  });

  it('refuses a screen registered twice or with an id that is no address', () => {
    expect(() => registerScreen(screen('inbox', ['officer']))).toThrow('twice');
    expect(() => registerScreen(screen('Not An Id', ['officer']))).toThrow();
  });
});
