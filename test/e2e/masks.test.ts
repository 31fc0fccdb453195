import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.ts';
import { DESKTOP, PHONE, saveScreenshot } from './browser.ts';
import { browserSession } from './browser-session.ts';
import { API_PATHS } from './page-problems.ts';

type Band = 'plenty' | 'some' | 'few' | 'empty' | 'break';
interface StoreInfo {
  code: string;
  name: string;
  addr: string;
  lat: number;
  lng: number;
}
interface NearbyStore extends StoreInfo {
  type: string;
  distanceM: number;
  remainStat: Band | null;
  remaining: number | null;
}

/** What a reader sees, in both languages. */
const KO = {
  heading: '공적 마스크 판매처 찾기',
  nearMe: '내 위치에서 찾기',
  search: '찾기',
  address: '주소',
  stockOnly: '마스크가 있는 판매처만 보기 (없음·판매중지 제외)',
  results: '찾은 판매처',
  list: '가까운 순서',
  showOnMap: '지도에서 보기',
  map: '판매처 지도',
  stock: { plenty: '충분(100개 이상)', some: '보통(30~99)', few: '부족(2~29)', empty: '없음(0~1)', break: '판매중지' } as Record<Band, string>,
  types: { '01': '약국', '02': '우체국', '03': '농협 하나로마트' } as Record<string, string>,
  found: (radius: string, count: number, withStock: number) => `반경 ${radius} 안의 판매처 ${count}곳 중 ${withStock}곳에 마스크가 있습니다.`,
  failed: '판매처 정보를 가져오지 못했습니다.',
};
const EN = {
  heading: 'Find public masks',
  nearMe: 'Find near me',
  results: 'Sellers found',
  list: 'Nearest first',
  stock: { plenty: 'Plenty (100 or more)', some: 'Some (30–99)', few: 'Few (2–29)', empty: 'None (0–1)', break: 'Not selling' } as Record<Band, string>,
  types: { '01': 'Pharmacy', '02': 'Post office', '03': 'NongHyup Hanaro Mart' } as Record<string, string>,
  found: (radius: string, count: number, withStock: number) => `Sellers within ${radius}: ${count}. With masks: ${withStock}.`,
};

/** The page's stock colours (web/masks/masks.css), as the browser computes them. */
const COLOUR: Record<Band, string> = {
  plenty: 'rgb(29, 122, 59)',
  some: 'rgb(245, 197, 24)',
  few: 'rgb(179, 38, 30)',
  empty: 'rgb(93, 102, 117)',
  break: 'rgb(93, 102, 117)',
};
const WITH_STOCK: readonly string[] = ['plenty', 'some', 'few'];

/** The default tile source (OpenStreetMap); the tests run offline, so its tiles fail unless a test serves them. */
const TILES = 'https://tile.openstreetmap.org/**';
/** A 1×1 grey PNG, what a tile server answers in the test that lets tiles load. */
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');
const eventually = { timeout: 10_000, interval: 100 };

// The 2020 API (`/corona19-masks/`) answers with its own errors, as `/v1/` does.
const session = browserSession({ apiPaths: [...API_PATHS, '/corona19-masks/'] });
/** The seeded stores with their positions, from the 2020 API. */
let stores: StoreInfo[];
/** A store with neighbours at several distances, where the filters have something to change. */
let busy: StoreInfo;

const distanceM = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
};

const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
  const response = await fetch(session.runtime.baseUrl + path, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

/** What the API says is near a point: the page must show exactly these, in this order. */
const nearby = async (at: { lat: number; lng: number }, radius: number, status?: string) =>
  (
    await api<{ stores: NearbyStore[] }>(
      `/v1/stores/nearby?lat=${at.lat.toFixed(6)}&lng=${at.lng.toFixed(6)}&radius=${radius}&limit=100${status ? `&status=${status}` : ''}`,
    )
  ).stores;

const putStock = (code: string, remaining: number) => {
  const apiKey = session.runtime.credentials.stores.find((store) => store.code === code)?.apiKey;
  return api(`/v1/stores/${code}/stock`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ remaining, asOf: new Date().toISOString() }),
  });
};

beforeAll(async () => {
  stores = (await api<{ storeInfos: StoreInfo[] }>('/corona19-masks/v1/stores/json?page=1&perPage=500')).storeInfos;
  const within = (store: StoreInfo, metres: number) => stores.filter((other) => distanceM(store, other) <= metres).length;
  const candidates = stores
    .map((store) => ({ store, near: within(store, 1000), far: within(store, 5000) }))
    .filter(({ near, far }) => near >= 2 && far > near)
    .sort((a, b) => b.far - a.far || a.store.code.localeCompare(b.store.code));
  if (!candidates[0]) throw new Error('The demo stores have no cluster to test the filters on');
  busy = candidates[0].store;
});

/**
 * A fresh browser profile standing at `at`, allowed to tell the page where it is. The map's tiles
 * fail to load, as on a machine without network, unless `tiles` is `load`.
 */
const newPage = (at: { lat: number; lng: number } | undefined, options: BrowserContextOptions = {}, tiles: 'fail' | 'load' = 'fail'): Promise<Page> =>
  session.newPage({ ...(at ? { geolocation: { latitude: at.lat, longitude: at.lng } } : {}), ...options }, async (context) => {
    if (at) await context.grantPermissions(['geolocation']);
    await context.route(TILES, (route) => (tiles === 'load' ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }) : route.abort('internetdisconnected')));
  });

const announced = (page: Page) => page.getByRole('status');
const alert = (page: Page) => page.getByRole('alert');
const storeItems = (page: Page, listName = KO.list) => page.getByRole('list', { name: listName }).getByRole('listitem');

/** Each listed store as a reader sees it: name, stock words, distance, type, and the badge's colour. */
const listed = (page: Page) =>
  page.locator('[data-list] > li').evaluateAll((items) =>
    items.map((item) => {
      const facts = [...item.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? '']);
      const badge = item.querySelector('.stock-badge') as HTMLElement;
      return {
        name: item.querySelector('h4')?.textContent ?? '',
        stock: badge.innerText.trim(),
        colour: getComputedStyle(badge).backgroundColor,
        distance: facts[0]?.[1] ?? '',
        type: facts[1]?.[1] ?? '',
        address: facts[2]?.[1] ?? '',
      };
    }),
  );

/**
 * The marks on the map in the page's order: a store's name and fill, or a group's size. Stores whose
 * 44 px marks would overlap are gathered into one numbered mark.
 */
const mapMarks = (page: Page) =>
  page.locator('.map-store, .map-group').evaluateAll((marks) =>
    marks.map((mark) =>
      mark.classList.contains('map-group')
        ? { kind: 'group' as const, name: mark.getAttribute('aria-label') ?? '', count: Number(mark.textContent?.replace(/\D/g, '')), fill: '' }
        : { kind: 'store' as const, name: mark.getAttribute('aria-label') ?? '', count: 1, fill: getComputedStyle(mark.querySelector('.stock-shape') as Element).fill },
    ),
  );

/** The number at the start of a mark's name: the rank of its (nearest) store. */
const rankOf = (mark: { kind: 'store' | 'group'; name: string }) => Number((mark.kind === 'store' ? /^(\d+)/ : /(\d+)번부터|from number (\d+)/).exec(mark.name)?.slice(1).find(Boolean));

/** Waits until the map has given up on its tiles and shows the drawn view. */
const drawnMap = (page: Page) => expect.poll(() => page.locator('[data-map]').getAttribute('data-tiles'), eventually).toBe('drawn');

const distanceWords = (metres: number, lang = 'ko') =>
  metres < 1000
    ? new Intl.NumberFormat(lang, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
    : new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000);

/** The list the page must show for these stores. */
const expectedList = (answer: readonly NearbyStore[], words: { stock: Record<Band, string>; types: Record<string, string> } = KO, lang = 'ko') =>
  answer.map((store) => ({
    name: store.name,
    stock: words.stock[store.remainStat as Band],
    colour: COLOUR[store.remainStat as Band],
    distance: distanceWords(store.distanceM, lang),
    type: words.types[store.type] ?? '',
    address: store.addr,
  }));

const summaryFor = (answer: readonly NearbyStore[], radius: number, words: { found: typeof KO.found } = KO, lang = 'ko') =>
  words.found(
    distanceWords(radius, lang),
    answer.length,
    answer.filter((store) => WITH_STOCK.includes(store.remainStat ?? '')).length,
  );

const findNearMe = async (page: Page, name = KO.nearMe) => {
  await page.getByRole('button', { name }).click();
  await expect.poll(() => storeItems(page, name === KO.nearMe ? KO.list : EN.list).count(), eventually).toBeGreaterThan(0);
};

/**
 * A dense city around `busy`: 1,234 stores within 5 km, of which the API sends the nearest 500 (its
 * most). Answers the page's nearby requests from it and returns the URLs the page asked for.
 */
const serveCrowd = async (page: Page): Promise<URL[]> => {
  const crowd: NearbyStore[] = Array.from({ length: 500 }, (_, i) => {
    // A sunflower spiral: evenly spread, denser nowhere.
    const angle = i * 2.399963;
    const metres = 40 + Math.sqrt(i / 500) * 4900;
    return {
      code: `C${String(i).padStart(4, '0')}`,
      name: `약국 ${i + 1}`,
      addr: `${busy.addr} ${i + 1}`,
      type: '01',
      lat: busy.lat + (metres * Math.cos(angle)) / 111_195,
      lng: busy.lng + (metres * Math.sin(angle)) / (111_195 * Math.cos((busy.lat * Math.PI) / 180)),
      distanceM: Math.round(metres),
      remainStat: (['plenty', 'some', 'few', 'empty'] as const)[i % 4] as Band,
      remaining: 10,
    };
  });
  const asked: URL[] = [];
  await page.route('**/v1/stores/nearby?**', (route) => {
    const url = new URL(route.request().url());
    asked.push(url);
    const limit = Number(url.searchParams.get('limit'));
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ count: Math.min(limit, 500), total: 1234, truncated: true, stores: crowd.slice(0, limit) }) });
  });
  return asked;
};

const problem = (status: number, detail: string) => (route: Route) =>
  route.fulfill({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://crisis-response.go.kr/problems/unavailable', title: 'The service is temporarily unavailable', status, detail }),
  });

describe('the mask finder', () => {
  it('is linked from the portal, and asks for the position only when "near me" is pressed', async () => {
    const page = await newPage(busy);
    await page.goto('/');
    await page.getByRole('link', { name: '공적 마스크 판매처 찾기' }).click();
    await page.waitForURL('**/masks/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(KO.heading);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    // Nothing is looked up before the reader asks: no results, no request for the position.
    expect(await page.getByRole('region', { name: KO.results }).isVisible()).toBe(false);
    const why = await page.getByRole('button', { name: KO.nearMe }).getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).textContent()).toContain('가까운 판매처를 찾는 데에만');
  });

  it('lists the stores near me nearest first, with stock in words and matching colours, on the map too', async () => {
    const page = await newPage(busy);
    await page.goto('/masks/');
    await findNearMe(page);

    const answer = await nearby(busy, 1000);
    expect(answer.length).toBeGreaterThanOrEqual(2);
    expect(await listed(page)).toEqual(expectedList(answer));
    const distances = answer.map((store) => store.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(await announced(page).textContent()).toBe(summaryFor(answer, 1000));

    // The map: every store is on it, alone or in a numbered group, nearest first; a store's mark has
    // the list's colour and a name that says the stock in words.
    const marks = await mapMarks(page);
    expect(marks[0]?.kind, 'the nearest store is never in a group').toBe('store');
    expect(marks.reduce((sum, mark) => sum + mark.count, 0)).toBe(answer.length);
    const ranks = marks.map(rankOf);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const mark of marks.filter((m) => m.kind === 'store')) {
      const store = answer[rankOf(mark) - 1] as NearbyStore;
      expect(mark.fill).toBe(COLOUR[store.remainStat as Band]);
      expect(mark.name).toBe(`${rankOf(mark)}번 ${store.name}, ${KO.types[store.type]}, ${KO.stock[store.remainStat as Band]}, ${distanceWords(store.distanceM)}`);
    }
    // When the data was fetched is on the page.
    expect(await page.getByRole('region', { name: KO.results }).innerText()).toMatch(/마지막 업데이트: .*\d{1,2}:\d{2}:\d{2}/);
  });

  it('changes the list with the radius and with "only stores with stock"', async () => {
    const page = await newPage(busy);
    await page.goto('/masks/');
    await findNearMe(page);
    const at1km = await nearby(busy, 1000);

    await page.getByRole('radio', { name: '5 km' }).check();
    const at5km = await nearby(busy, 5000);
    expect(at5km.length).toBeGreaterThan(at1km.length);
    await expect.poll(() => listed(page), eventually).toEqual(expectedList(at5km));
    expect(await announced(page).textContent()).toBe(summaryFor(at5km, 5000));

    await page.getByRole('checkbox', { name: KO.stockOnly }).check();
    const withStock = await nearby(busy, 5000, 'plenty,some,few');
    expect(withStock.length).toBeLessThan(at5km.length);
    await expect.poll(() => listed(page), eventually).toEqual(expectedList(withStock));
    expect((await listed(page)).map((store) => store.stock)).not.toContain(KO.stock.empty);

    await page.getByRole('radio', { name: '500 m' }).check();
    await expect.poll(() => listed(page), eventually).toEqual(expectedList(await nearby(busy, 500, 'plenty,some,few')));
  });

  it('selects a store on the map in the list, and from the list on the map, with the mouse and the keyboard', async () => {
    const page = await newPage(busy);
    await page.goto('/masks/');
    await page.getByRole('radio', { name: '5 km' }).check();
    await findNearMe(page);
    const answer = await nearby(busy, 5000);
    const shown = await page.locator('.map-store').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-code')));
    const first = answer[0] as NearbyStore;
    const second = answer.find((store) => store.code === shown[1]) as NearbyStore;
    const secondRank = answer.indexOf(second) + 1;

    const mark = (store: NearbyStore) => page.getByRole('group', { name: KO.map }).getByRole('button', { name: store.name });
    const item = (store: NearbyStore) => storeItems(page).filter({ has: page.getByRole('heading', { name: store.name, exact: true }) });

    await mark(second).click();
    expect(await mark(second).getAttribute('aria-pressed')).toBe('true');
    expect(await item(second).getAttribute('aria-current')).toBe('true');
    expect(await item(second).innerText()).toContain('선택됨');
    expect(await page.locator('[data-map-caption]').innerText()).toContain(`${secondRank}. ${second.name}`);

    await item(first).getByRole('button', { name: new RegExp(KO.showOnMap) }).click();
    expect(await mark(first).getAttribute('aria-pressed')).toBe('true');
    expect(await mark(second).getAttribute('aria-pressed')).toBe('false');
    expect(await item(second).getAttribute('aria-current')).toBeNull();

    // A store inside a group, chosen in the list: the map zooms in until it stands alone.
    const grouped = answer.find((store) => !shown.includes(store.code));
    if (grouped) {
      await item(grouped).getByRole('button', { name: new RegExp(KO.showOnMap) }).click();
      await expect.poll(() => mark(grouped).getAttribute('aria-pressed'), eventually).toBe('true');
    }

    // The keyboard: the marks are one tab stop; the arrow keys walk them nearest first.
    await item(first).getByRole('button', { name: new RegExp(KO.showOnMap) }).click();
    await mark(first).focus();
    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate(() => ({ label: document.activeElement?.getAttribute('aria-label') ?? '', code: document.activeElement?.getAttribute('data-code') }));
    expect(next.label).not.toContain(first.name);
    if (next.code) expect(await page.locator(`#store-${next.code}`).getAttribute('aria-current')).toBe('true');
    expect(await page.locator('.map-store[tabindex="0"], .map-group[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Home');
    expect(await item(first).getAttribute('aria-current')).toBe('true');
  });

  it('finds stores from a typed address prefix, and says so when no store matches', async () => {
    const page = await newPage(undefined);
    await page.goto('/masks/');
    const [province, district, dong] = busy.addr.split(' ') as [string, string, string];
    const prefix = `${province} ${district} ${dong}`;
    const matches = stores.filter((store) => store.addr.startsWith(`${prefix} `));
    const centre = {
      lat: matches.reduce((sum, store) => sum + store.lat, 0) / matches.length,
      lng: matches.reduce((sum, store) => sum + store.lng, 0) / matches.length,
    };

    await page.getByRole('textbox', { name: KO.address }).fill(prefix);
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    await expect.poll(() => listed(page), eventually).toEqual(expectedList(await nearby(centre, 1000)));
    expect(await page.getByRole('region', { name: KO.results }).innerText()).toContain(`기준 위치: 주소가 ‘${prefix}’(으)로 시작하는 판매처 ${matches.length}곳의 가운데`);

    // People write "서울" for "서울특별시"; the page spells it out for the 2020 API.
    const short = `${province.replace(/(특별시|광역시|특별자치시|특별자치도|도)$/, '')} ${district}`;
    await page.getByRole('textbox', { name: KO.address }).fill(short);
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    await expect.poll(() => page.locator('[data-place]').textContent(), eventually).toContain(`‘${province} ${district}’`);

    await page.getByRole('textbox', { name: KO.address }).fill(`${province} 없는구 없는동`);
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    await expect.poll(() => announced(page).textContent(), eventually).toBe(
      `‘${province} 없는구 없는동’(으)로 시작하는 주소의 판매처가 없습니다. 시·도와 시·군·구 이름이 맞는지 확인하세요. 예: 서울특별시 강남구 논현동`,
    );
    expect(await page.getByRole('region', { name: KO.results }).isVisible()).toBe(false);

    await page.getByRole('textbox', { name: KO.address }).fill('강남구');
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    expect(await alert(page).textContent()).toBe('주소를 시·도와 시·군·구까지 입력하세요. 예: 서울특별시 강남구');
    expect(await page.getByRole('textbox', { name: KO.address }).getAttribute('aria-invalid')).toBe('true');
  });

  it('refreshes itself every 60 s: a stock report shows up, and the summary speaks only when a count changes', async () => {
    const code = session.runtime.credentials.stores[0]?.code;
    const home = stores.find((store) => store.code === code);
    if (!code || !home) throw new Error('no store with a demo API key');
    const page = await newPage(home);
    await page.clock.install();
    await page.goto('/masks/');
    await findNearMe(page);
    const mine = () => storeItems(page).filter({ has: page.getByRole('heading', { name: home.name, exact: true }) });
    const before = await nearby(home, 1000);
    expect(await announced(page).textContent()).toBe(summaryFor(before, 1000));
    // Counts what a screen reader would hear from here on.
    await page.evaluate(() => {
      const region = document.querySelector('[role="status"]') as Element;
      (window as unknown as { spoken: number }).spoken = 0;
      new MutationObserver(() => (window as unknown as { spoken: number }).spoken++).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const spoken = () => page.evaluate(() => (window as unknown as { spoken: number }).spoken);

    /** Reports stock, waits for the read model to have it, then lets a minute pass in the page. */
    const reportAndWait = async (remaining: number) => {
      await putStock(code, remaining);
      await expect.poll(async () => (await nearby(home, 1000)).find((store) => store.code === code)?.remaining, eventually).toBe(remaining);
      const refreshed = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/stores/nearby');
      await page.clock.runFor(60_000);
      await refreshed;
    };

    await reportAndWait(3);
    await expect.poll(() => mine().locator('.stock-badge').innerText(), eventually).toBe(KO.stock.few);
    expect(await mine().locator('.stock-badge').evaluate((badge) => getComputedStyle(badge).backgroundColor)).toBe(COLOUR.few);
    expect(await spoken(), 'same counts: nothing to say').toBe(0);

    await reportAndWait(0);
    await expect.poll(() => mine().locator('.stock-badge').innerText(), eventually).toBe(KO.stock.empty);
    const after = await nearby(home, 1000);
    await expect.poll(() => announced(page).textContent(), eventually).toBe(summaryFor(after, 1000));
    expect(await spoken()).toBeGreaterThan(0);

    // Coming back to the tab asks again at once, without waiting for the minute.
    const onReturn = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/stores/nearby');
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await onReturn;
  });

  it('works in English', async () => {
    const page = await newPage(busy);
    await page.goto('/masks/');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(EN.heading);
    expect(await page.title()).toBe('Find public masks | National Crisis Response Services');
    await findNearMe(page, EN.nearMe);
    const answer = await nearby(busy, 1000);
    expect(await listed(page)).toEqual(expectedList(answer, EN, 'en'));
    expect(await announced(page).textContent()).toBe(summaryFor(answer, 1000, EN, 'en'));
    expect(await page.getByRole('region', { name: EN.results }).innerText()).toContain('Stock arrived');

    // Back to Korean without asking the API again: the same stores, in Korean words.
    await page.getByRole('button', { name: '한국어' }).click();
    expect(await listed(page)).toEqual(expectedList(answer));
  });

  it('shows the detail of a problem+json failure, and tells an old list from a fresh one', async () => {
    const page = await newPage(busy);
    const detail = 'The stock database does not answer; try again in a minute.';
    await page.route('**/v1/stores/nearby?**', problem(503, detail));
    await page.goto('/masks/');
    await page.getByRole('button', { name: KO.nearMe }).click();
    await expect.poll(() => alert(page).textContent(), eventually).toBe(`${KO.failed} 사유: ${detail}`);
    // An English reason on a Korean page is marked so, for the screen reader's voice.
    expect(await alert(page).locator('[lang="en"]').textContent()).toBe(detail);
    expect(await page.getByRole('region', { name: KO.results }).isVisible()).toBe(false);

    await page.unroute('**/v1/stores/nearby?**');
    await page.getByRole('button', { name: KO.nearMe }).click();
    await expect.poll(() => storeItems(page).count(), eventually).toBeGreaterThan(0);
    expect(await alert(page).textContent()).toBe('');

    // A refresh that fails keeps the list, and says how old it is.
    await page.route('**/v1/stores/nearby?**', problem(503, detail));
    await page.getByRole('button', { name: '지금 새로 고침' }).click();
    await expect.poll(() => alert(page).textContent(), eventually).toMatch(new RegExp(`사유: ${detail} 아래 목록은 .+에 받은 정보입니다\\.$`));
    expect(await storeItems(page).count()).toBeGreaterThan(0);
  });

  it('says what to do when the position is refused', async () => {
    const page = await newPage(undefined);
    await page.goto('/masks/');
    await page.getByRole('button', { name: KO.nearMe }).click();
    await expect.poll(() => alert(page).textContent(), eventually).toContain('위치 사용을 허용하지 않았습니다.');
  });

  it('fits a 360 px phone with no horizontal scrolling and touch targets of 44 px, in both languages', async () => {
    const page = await newPage(busy, PHONE);
    for (const lang of ['ko', 'en']) {
      await page.goto(`/masks/?lang=${lang}`);
      await page.getByRole('radio', { name: '5 km' }).check();
      await findNearMe(page, lang === 'ko' ? KO.nearMe : EN.nearMe);
      await page.locator('.map-store').nth(1).click();
      const layout = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wider = [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > width + 0.5)
          // The map's panes are larger than the map and clipped by it, as in every Leaflet map.
          .filter((element) => !element.closest('.leaflet-map-pane'))
          .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`);
        // Everything a finger presses: buttons, links outside running text, radio and checkbox labels, map marks.
        const targets = [...document.querySelectorAll('main button, main .segment, main .check, .map-caption a, .map-store, .map-group, .store-map .leaflet-bar a, .service-link')]
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0)
          .filter(({ box }) => box.height < 43.5 || box.width < 43.5)
          .map(({ element, box }) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''} ${Math.round(box.width)}x${Math.round(box.height)}`);
        return { width, scrollWidth: document.documentElement.scrollWidth, wider, small: targets };
      });
      expect(layout, `page in ${lang}`).toEqual({ width: 360, scrollWidth: 360, wider: [], small: [] });
    }
  });

  it.each([
    ['a phone', PHONE],
    ['a desktop', DESKTOP],
  ])('meets WCAG 2.1 AA on %s in Korean and in English, map included, with results shown and while showing a problem', async (_name, device) => {
    const page = await newPage(busy, device);
    const check = (name: string) => expectAccessible(page, name);
    await page.goto('/masks/');
    await check('Korean, before a search');
    await findNearMe(page);
    await drawnMap(page);
    await page.locator('.map-store').first().click();
    await check('Korean, with results');

    await page.getByRole('button', { name: 'English' }).click();
    await check('English, with results');
    // The map's own controls speak the page's language.
    expect(await page.locator('.leaflet-control-zoom-in').getAttribute('aria-label')).toBe('Zoom in');

    await page.route('**/v1/stores/nearby?**', problem(503, 'The stock database does not answer.'));
    await page.getByRole('button', { name: 'Update now' }).click();
    await expect.poll(() => alert(page).textContent(), eventually).toContain('The stock database does not answer.');
    await check('English, refresh failed');
  });

  it('brings the results into view and moves the focus to them after "near me" on a phone', async () => {
    const page = await newPage(busy, PHONE);
    await page.goto('/masks/');
    await findNearMe(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), eventually).toBe(KO.results);
    const seen = await page.evaluate(() => {
      const top = (selector: string) => (document.querySelector(selector) as Element).getBoundingClientRect().top;
      return { heading: top('#results-title'), map: top('[data-map]'), height: window.innerHeight };
    });
    // The heading at the top of the screen and the map on the first screen, not a scroll away.
    expect(seen.heading).toBeGreaterThanOrEqual(0);
    expect(seen.heading).toBeLessThan(100);
    expect(seen.map).toBeLessThan(seen.height / 2);
    // The count is spoken from the live region; the focus lands on a heading that names what follows.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await announced(page).textContent()).toBe(summaryFor(await nearby(busy, 1000), 1000));
  });

  it('ends at the footer on a desktop, with no blank page below the list', async () => {
    const page = await newPage(busy, DESKTOP);
    await serveCrowd(page);
    await page.goto('/masks/');
    await page.getByRole('radio', { name: '5 km' }).check();
    await findNearMe(page);
    expect(await storeItems(page).count()).toBe(500);
    const { documentHeight, footerBottom } = await page.evaluate(() => ({
      documentHeight: document.documentElement.scrollHeight,
      footerBottom: (document.querySelector('.site-footer') as Element).getBoundingClientRect().bottom + window.scrollY,
    }));
    expect(documentHeight).toBeLessThanOrEqual(Math.ceil(footerBottom) + 1);
  });

  it('clears the old results when a new question finds nothing', async () => {
    const page = await newPage(busy);
    await page.goto('/masks/');
    await findNearMe(page);
    const [province] = busy.addr.split(' ') as [string];
    await page.getByRole('textbox', { name: KO.address }).fill(`${province} 없는구 없는동`);
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    await expect.poll(() => announced(page).textContent(), eventually).toContain('판매처가 없습니다');
    expect(await page.getByRole('region', { name: KO.results }).isVisible()).toBe(false);
    expect(await page.locator('[data-list] > li:visible, .map-store:visible').count()).toBe(0);

    // The same when the position cannot be had: the last answer was for somewhere else.
    await page.getByRole('textbox', { name: KO.address }).fill(busy.addr.split(' ').slice(0, 3).join(' '));
    await page.getByRole('button', { name: KO.search, exact: true }).click();
    await expect.poll(() => storeItems(page).count(), eventually).toBeGreaterThan(0);
    // The person says no to the location prompt. Chromium 150 headless leaves a cleared permission's
    // prompt unanswered, so the refusal is given as the browser would report it.
    await page.evaluate(() => {
      navigator.geolocation.getCurrentPosition = (_found, failed) =>
        failed?.({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError);
    });
    await page.getByRole('button', { name: KO.nearMe }).click();
    await expect.poll(() => alert(page).textContent(), eventually).toContain('위치 사용을 허용하지 않았습니다.');
    expect(await page.getByRole('region', { name: KO.results }).isVisible()).toBe(false);
  });

  it('shows every store the 5 km radius holds, up to 500, gathered on the map, and says how many there are', async () => {
    const page = await newPage(busy, PHONE);
    const asked = await serveCrowd(page);
    await page.goto('/masks/');
    await page.getByRole('radio', { name: '5 km' }).check();
    await findNearMe(page);
    await drawnMap(page);
    expect(asked.at(-1)?.searchParams.get('limit')).toBe('500');
    expect(await announced(page).textContent()).toBe(`반경 ${distanceWords(5000)} 안의 판매처 1,234곳 중 가까운 500곳을 보여 줍니다. 그중 375곳에 마스크가 있습니다.`);
    expect(await storeItems(page).count()).toBe(500);
    // Every store is on the map, alone or in a group, and no two marks overlap.
    const marks = await mapMarks(page);
    expect(marks.reduce((sum, mark) => sum + mark.count, 0)).toBe(500);
    expect(marks.some((mark) => mark.kind === 'group')).toBe(true);
    const boxes = await page.locator('.map-store, .map-group').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.every((box) => box.width >= 44 && box.height >= 44)).toBe(true);
    await page.locator('[data-map]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'masks-phone-ko-5km-crowd', { whole: false });

    // A group opens when pressed: the map zooms in and the group comes apart into smaller marks.
    const group = page.locator('.map-group').first();
    const label = (await group.getAttribute('aria-label')) as string;
    await group.click();
    await expect.poll(() => page.locator('.map-group').evaluateAll((groups, was) => groups.some((g) => g.getAttribute('aria-label') === was), label), eventually).toBe(false);
    expect((await mapMarks(page)).length).toBeGreaterThan(1);
  });

  it('selects the nearest store when its mark is tapped on a phone, whatever is around it', async () => {
    const page = await newPage(busy, PHONE);
    await page.goto('/masks/');
    await page.getByRole('radio', { name: '5 km' }).check();
    await findNearMe(page);
    await drawnMap(page);
    const nearest = (await nearby(busy, 5000))[0] as NearbyStore;
    const mark = page.locator('.map-store').first();
    expect(await mark.getAttribute('data-code')).toBe(nearest.code);
    const box = (await mark.boundingBox()) as { x: number; y: number; width: number; height: number };
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    // Nothing else (a neighbour's mark, the "my location" ring) lies over any part of its target.
    const covered = await page.evaluate(({ x, y, width, height }) => {
      const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]] as const;
      return points.map(([fx, fy]) => document.elementFromPoint(x + fx * width, y + fy * height)?.closest('.map-store')?.getAttribute('data-code'));
    }, box);
    expect(covered).toEqual(Array(5).fill(nearest.code));
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('[data-map-caption]').innerText(), eventually).toContain(`1. ${nearest.name}`);
    expect(await mark.getAttribute('aria-pressed')).toBe('true');
  });

  it('draws the map on street tiles with their credit when the tiles load, and without them when they cannot', async () => {
    const streets = await newPage(busy, PHONE, 'load');
    const answer = await streets.goto('/masks/');
    const csp = answer?.headers()['content-security-policy'] ?? '';
    // The tile host may serve images, and nothing else.
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org");
    expect(csp).toContain("default-src 'self'");
    expect(csp.match(/tile\.openstreetmap\.org/g)).toHaveLength(1);
    await findNearMe(streets);
    await expect.poll(() => streets.locator('[data-map]').getAttribute('data-tiles'), eventually).toBe('streets');
    expect(await streets.locator('.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(await streets.locator('.leaflet-control-attribution').innerText()).toContain('OpenStreetMap');
    expect(await streets.locator('[data-map-note]').isVisible()).toBe(false);
    await saveScreenshot(streets, 'masks-phone-ko-streets');

    const offline = await newPage(busy, PHONE);
    await offline.goto('/masks/');
    await findNearMe(offline);
    await drawnMap(offline);
    expect(await offline.locator('.leaflet-tile-loaded').count()).toBe(0);
    expect(await offline.locator('[data-map-note]').innerText()).toBe('거리 지도를 불러오지 못해 기준 위치와 판매처만 그려서 보여 줍니다.');
    // The drawn view: distance rings with their labels, the reference point, and every store's mark.
    expect(await offline.locator('path.map-ring').count()).toBeGreaterThan(0);
    expect(await offline.locator('.map-ring-label').allInnerTexts()).toContain('1km');
    expect(await offline.locator('.map-centre').count()).toBe(1);
    expect((await mapMarks(offline)).reduce((sum, mark) => sum + mark.count, 0)).toBe((await nearby(busy, 1000)).length);
  });

  it('leaves phone and desktop pictures of the finder, in Korean and in English, for review', async () => {
    for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      for (const lang of ['ko', 'en']) {
        const page = await newPage(busy, options);
        await page.goto(`/masks/?lang=${lang}`);
        await saveScreenshot(page, `masks-${device}-${lang}-start`);
        await findNearMe(page, lang === 'ko' ? KO.nearMe : EN.nearMe);
        await drawnMap(page);
        await page.locator('.map-store').first().click();
        await saveScreenshot(page, `masks-${device}-${lang}-results`);
      }
    }
  });
});
