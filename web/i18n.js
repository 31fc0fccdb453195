/**
 * Korean and English for every page of the local system, and Chinese (Simplified) for the pages that
 * opt in with `startI18n({ languages: ALL_LANGUAGES })` (the check-in app: 2020's app spoke all three). Korean is the default: the HTML of each
 * page is written in Korean, so it reads correctly before (or without) this script; the Korean
 * entries here are what a page returns to after the reader switches back from English.
 *
 * Markup opts in with `data-i18n="key"` (text) and `data-i18n-<attribute>="key"` for attributes
 * (e.g. `data-i18n-aria-label`, `data-i18n-content` on a meta tag).
 */

export const LANGUAGES = /** @type {const} */ (['ko', 'en']);
/** Every language a page may offer; a page offers `LANGUAGES` unless it opts in to more. */
export const ALL_LANGUAGES = /** @type {const} */ (['ko', 'en', 'zh']);
export const DEFAULT_LANGUAGE = 'ko';

/** What this page offers: a `zh` remembered from the check-in app is not a choice on a page without Chinese. */
/** @type {readonly string[]} */
let pageLanguages = LANGUAGES;

const STORAGE_KEY = 'crisis-response.language';

/** @type {((language: string) => void)[]} */
const listeners = [];

/** @type {Record<string, Record<string, string>>} */
const MESSAGES = {
  ko: {
    'common.skip': '본문 바로가기',
    'common.site': '국가 위기 대응 서비스',
    'common.tagline': '공적 마스크, 자가격리, 긴급재난지원금을 한곳에서',
    'common.language': '언어 선택',
    'common.emergency': '응급 상황에서는 119, 감염병 상담은 1339(질병관리청 콜센터)로 전화하세요.',
    'common.call119': '119에 전화하기',
    'common.call1339': '1339에 전화하기',

    'portal.title': '국가 위기 대응 서비스',
    'portal.description': '공적 마스크 판매처, 자가격리자 건강 상태 확인, 긴급재난지원금 안내와 시스템 상태.',
    'portal.heading': '감염병 위기 대응 서비스 안내',
    'portal.intro': '감염병 위기 동안 정부가 운영하는 세 가지 서비스입니다. 각 서비스는 아래에서 설명합니다.',
    'portal.services': '서비스',
    'portal.masks.title': '공적 마스크',
    'portal.masks.body':
      '약국, 우체국, 농협 하나로마트에서 공적 마스크를 판매합니다. 판매처가 재고를 수시로 알리므로 가까운 판매처에 마스크가 남아 있는지 미리 확인할 수 있습니다. 1인당 구매 수량은 정해져 있으며, 판매처가 판매할 때 기록합니다.',
    'portal.quarantine.title': '자가격리',
    'portal.quarantine.body':
      '자가격리 대상자는 보건소에서 받은 등록 코드로 휴대전화에 자가격리 앱을 등록합니다. 하루 두 번 증상과 위치를 알려 주세요. 격리 장소를 벗어나거나 확인을 빠뜨리면 담당 공무원에게 알림이 갑니다. 위치 기록은 격리가 끝나면 삭제됩니다.',
    'portal.relief.title': '긴급재난지원금',
    'portal.relief.body':
      '긴급재난지원금은 가구별로 신용카드·체크카드 포인트로 지급됩니다. 사용하는 카드사에서 신청하면 카드로 바로 쓸 수 있습니다. 정해진 기한까지 쓰지 않은 금액은 소멸됩니다.',
    'portal.developers.title': '개발자와 기관을 위한 API',
    'portal.developers.body':
      '판매처, 카드사, 지방자치단체는 공개 API로 이 시스템과 연동합니다. 모든 경로와 요청 형식은 OpenAPI 문서에 있습니다.',
    'portal.developers.link': 'API 문서 (OpenAPI 3.1, JSON)',

    'status.title': '시스템 상태',
    'status.checking': '시스템 상태를 확인하는 중입니다…',
    'status.ok': '정상: 모든 서비스가 작동하고 있습니다.',
    'status.degraded': '일부 기능에 문제가 있습니다: {status}',
    'status.unavailable': '서비스를 이용할 수 없습니다.',
    'status.reason': '사유:',
    'status.unreachable': '서버에 연결할 수 없습니다. 인터넷 연결을 확인한 뒤 잠시 후 다시 시도하세요.',
    'status.database': '데이터베이스',
    'status.databaseOk': '정상 (응답 시간 {latency} ms)',
    'status.databaseOther': '{status} (응답 시간 {latency} ms)',
    'status.runtime': '실행 환경',
    'status.runtime.local': '이 컴퓨터 (로컬 실행)',
    'status.runtime.aws': 'AWS 클라우드',
    'status.serverTime': '서버 시각',
    'status.httpStatus': 'HTTP 상태 코드',
    'status.checkedAt': '마지막 확인',
    'status.auto': '30초마다 자동으로 다시 확인합니다.',
    'status.refresh': '지금 다시 확인',

    'masks.portalLink': '공적 마스크 판매처 찾기',
    'masks.home': '처음 화면으로',
    'masks.title': '공적 마스크 판매처 찾기 | 국가 위기 대응 서비스',
    'masks.description': '가까운 약국, 우체국, 농협 하나로마트의 공적 마스크 재고를 지도와 목록으로 확인합니다.',
    'masks.heading': '공적 마스크 판매처 찾기',
    'masks.intro': '가까운 약국, 우체국, 농협 하나로마트에 공적 마스크가 얼마나 남았는지 확인하세요. 판매처가 알린 재고를 그대로 보여 줍니다.',
    'masks.where.title': '어디에서 찾을까요?',
    'masks.locate.title': '내 위치 근처',
    'masks.locate.why': '버튼을 누르면 브라우저가 위치를 알려도 되는지 묻습니다. 위치는 가까운 판매처를 찾는 데에만 쓰며, 이 페이지는 위치를 기억하지 않습니다.',
    'masks.locate.button': '내 위치에서 찾기',
    'masks.locate.denied': '위치 사용을 허용하지 않았습니다. 주소로 찾거나, 브라우저 설정에서 이 사이트의 위치 권한을 허용한 뒤 다시 누르세요.',
    'masks.locate.unavailable': '지금은 위치를 알 수 없습니다. 주소로 찾아 보세요.',
    'masks.locate.timeout': '위치를 확인하는 데 너무 오래 걸립니다. 다시 누르거나 주소로 찾아 보세요.',
    'masks.locate.unsupported': '이 브라우저에서는 위치를 확인할 수 없습니다. 주소로 찾아 보세요.',
    'masks.address.title': '주소로 찾기',
    'masks.address.label': '주소',
    'masks.address.hint': '시·도와 시·군·구까지는 꼭 입력하세요. 예: 서울특별시 강남구 논현동',
    'masks.address.button': '찾기',
    'masks.address.tooShort': '주소를 시·도와 시·군·구까지 입력하세요. 예: 서울특별시 강남구',
    'masks.address.none': '‘{address}’(으)로 시작하는 주소의 판매처가 없습니다. 시·도와 시·군·구 이름이 맞는지 확인하세요. 예: 서울특별시 강남구 논현동',
    'masks.radius.legend': '찾을 거리 (반경)',
    'masks.stockOnly': '마스크가 있는 판매처만 보기 (없음·판매중지 제외)',
    'masks.status.locating': '위치를 확인하는 중입니다…',
    'masks.status.searchingAddress': '‘{address}’ 주소를 찾는 중입니다…',
    'masks.status.searching': '판매처를 찾는 중입니다…',
    'masks.summary.found': '반경 {radius} 안의 판매처 {count}곳 중 {withStock}곳에 마스크가 있습니다.',
    'masks.summary.none': '반경 {radius} 안에 판매처가 없습니다. 더 먼 거리를 골라 보세요.',
    'masks.summary.noneWithStock': '반경 {radius} 안에 마스크가 있는 판매처가 없습니다. 더 먼 거리를 골라 보세요.',
    'masks.summary.limited': '반경 {radius} 안의 판매처 {total}곳 중 가까운 {count}곳을 보여 줍니다. 그중 {withStock}곳에 마스크가 있습니다.',
    'masks.place.here': '기준 위치: 내 위치',
    'masks.place.address': '기준 위치: 주소가 ‘{address}’(으)로 시작하는 판매처 {count}곳의 가운데',
    'masks.results.title': '찾은 판매처',
    'masks.fetchedAt': '마지막 업데이트',
    'masks.auto': '60초마다 자동으로 새로 고칩니다.',
    'masks.refresh': '지금 새로 고침',
    'masks.problem.failed': '판매처 정보를 가져오지 못했습니다.',
    'masks.problem.reason': '사유:',
    'masks.problem.unreachable': '서버에 연결할 수 없습니다. 인터넷 연결을 확인한 뒤 잠시 후 다시 시도하세요.',
    'masks.problem.stale': '아래 목록은 {time}에 받은 정보입니다.',
    'masks.map.title': '지도',
    'masks.map.label': '판매처 지도',
    'masks.map.help': '가운데가 기준 위치이고, 원은 거리를 나타냅니다. 점을 누르거나, 지도의 점에서 화살표 키로 판매처를 고르세요. 숫자가 적힌 원은 가까이 모인 판매처들이며, 누르면 지도를 확대합니다.',
    'masks.map.drawn': '거리 지도를 불러오지 못해 기준 위치와 판매처만 그려서 보여 줍니다.',
    'masks.map.group': '가까이 모인 판매처 {count}곳 ({rank}번부터): 눌러서 확대',
    'masks.map.zoomIn': '지도 확대',
    'masks.map.zoomOut': '지도 축소',
    'masks.map.storeName': '{rank}번 {name}, {type}, {stock}, {distance}',
    'masks.map.pick': '지도에서 점을 누르면 그 판매처를 알려 드립니다.',
    'masks.map.empty': '이 거리 안에는 보여 줄 판매처가 없습니다.',
    'masks.map.showInList': '목록에서 보기',
    'masks.map.north': '북',
    'masks.map.you': '내 위치',
    'masks.map.centre': '기준 위치',
    'masks.legend.title': '범례',
    'masks.legend.centre': '기준 위치 (가운데)',
    'masks.legend.group': '가까이 모인 판매처 수 (누르면 확대)',
    'masks.list.title': '가까운 순서',
    'masks.list.showOnMap': '지도에서 보기',
    'masks.list.selected': '선택됨',
    'masks.store.distance': '거리',
    'masks.store.type': '종류',
    'masks.store.address': '주소',
    'masks.store.stockAt': '입고 시각',
    'masks.store.updatedAt': '정보 갱신',
    'masks.store.noTime': '알리지 않음',
    'masks.type.01': '약국',
    'masks.type.02': '우체국',
    'masks.type.03': '농협 하나로마트',
    'masks.stock.plenty': '충분(100개 이상)',
    'masks.stock.some': '보통(30~99)',
    'masks.stock.few': '부족(2~29)',
    'masks.stock.empty': '없음(0~1)',
    'masks.stock.break': '판매중지',
    'masks.stock.unknown': '정보 없음',
  },
  en: {
    'common.skip': 'Skip to main content',
    'common.site': 'National Crisis Response Services',
    'common.tagline': 'Public masks, self-quarantine and emergency relief funds in one place',
    'common.language': 'Language',
    'common.emergency': 'In an emergency call 119. For infectious disease advice call 1339 (KDCA call centre).',
    'common.call119': 'Call 119',
    'common.call1339': 'Call 1339',

    'portal.title': 'National Crisis Response Services',
    'portal.description': 'Public mask sellers, health check-ins for people in self-quarantine, emergency relief funds, and the system status.',
    'portal.heading': 'Services during the epidemic',
    'portal.intro': 'The government runs three services during the epidemic. Each is explained below.',
    'portal.services': 'Services',
    'portal.masks.title': 'Public masks',
    'portal.masks.body':
      'Pharmacies, post offices and NongHyup Hanaro Marts sell public masks. Sellers report their stock as it changes, so you can check whether a seller near you still has masks before you go. Each person may buy a set number, and the seller records every sale.',
    'portal.quarantine.title': 'Self-quarantine',
    'portal.quarantine.body':
      'If you must self-quarantine, enrol the self-quarantine app on your phone with the code from your public health centre. Report your symptoms and position twice a day. If you leave your quarantine place or miss a check-in, your case officer is alerted. Your location history is deleted when the quarantine ends.',
    'portal.relief.title': 'Emergency relief funds',
    'portal.relief.body':
      'Emergency relief funds are paid to each household as points on a credit or debit card. Apply with your card company and spend the funds with that card. Any amount not spent by the deadline expires.',
    'portal.developers.title': 'API for developers and agencies',
    'portal.developers.body':
      'Sellers, card companies and local governments connect to this system through its public API. Every path and request format is in the OpenAPI document.',
    'portal.developers.link': 'API document (OpenAPI 3.1, JSON)',

    'status.title': 'System status',
    'status.checking': 'Checking the system status…',
    'status.ok': 'Working: all services are operating normally.',
    'status.degraded': 'Some functions have a problem: {status}',
    'status.unavailable': 'The service is unavailable.',
    'status.reason': 'Reason:',
    'status.unreachable': 'The server cannot be reached. Check your internet connection and try again shortly.',
    'status.database': 'Database',
    'status.databaseOk': 'working (response time {latency} ms)',
    'status.databaseOther': '{status} (response time {latency} ms)',
    'status.runtime': 'Runs on',
    'status.runtime.local': 'this computer (local runtime)',
    'status.runtime.aws': 'the AWS cloud',
    'status.serverTime': 'Server time',
    'status.httpStatus': 'HTTP status code',
    'status.checkedAt': 'Last checked',
    'status.auto': 'Checked again automatically every 30 seconds.',
    'status.refresh': 'Check now',

    'masks.portalLink': 'Find public masks',
    'masks.home': 'Home',
    'masks.title': 'Find public masks | National Crisis Response Services',
    'masks.description': 'Public mask stock at pharmacies, post offices and NongHyup Hanaro Marts near you, on a map and in a list.',
    'masks.heading': 'Find public masks',
    'masks.intro': 'See how many public masks are left at pharmacies, post offices and NongHyup Hanaro Marts near you. The stock is shown as the sellers report it.',
    'masks.where.title': 'Where should we look?',
    'masks.locate.title': 'Near me',
    'masks.locate.why': 'When you press the button, your browser asks whether it may share your location. It is used only to find sellers near you, and this page does not keep it.',
    'masks.locate.button': 'Find near me',
    'masks.locate.denied': 'Location access was not allowed. Search by address, or allow location for this site in your browser settings and press the button again.',
    'masks.locate.unavailable': 'Your location is not available right now. Try searching by address.',
    'masks.locate.timeout': 'Finding your location is taking too long. Press the button again or search by address.',
    'masks.locate.unsupported': 'This browser cannot tell your location. Try searching by address.',
    'masks.address.title': 'By address',
    'masks.address.label': 'Address',
    'masks.address.hint': 'Type at least the province or city and the district, in Korean. Example: 서울특별시 강남구 논현동',
    'masks.address.button': 'Search',
    'masks.address.tooShort': 'Type the address down to the district at least, e.g. 서울특별시 강남구.',
    'masks.address.none': 'No seller has an address starting with “{address}”. Check the names of the province or city and the district, e.g. 서울특별시 강남구 논현동.',
    'masks.radius.legend': 'How far to look (radius)',
    'masks.stockOnly': 'Only sellers with masks (hide none and not selling)',
    'masks.status.locating': 'Finding your location…',
    'masks.status.searchingAddress': 'Looking up the address “{address}”…',
    'masks.status.searching': 'Looking for sellers…',
    'masks.summary.found': 'Sellers within {radius}: {count}. With masks: {withStock}.',
    'masks.summary.none': 'No sellers within {radius}. Try a larger distance.',
    'masks.summary.noneWithStock': 'No sellers with masks within {radius}. Try a larger distance.',
    'masks.summary.limited': 'Sellers within {radius}: {total}, showing the nearest {count}. With masks: {withStock}.',
    'masks.place.here': 'Centre: your location',
    'masks.place.address': 'Centre: the middle of the {count} sellers whose address starts with “{address}”',
    'masks.results.title': 'Sellers found',
    'masks.fetchedAt': 'Last updated',
    'masks.auto': 'Updated automatically every 60 seconds.',
    'masks.refresh': 'Update now',
    'masks.problem.failed': 'Could not get the sellers.',
    'masks.problem.reason': 'Reason:',
    'masks.problem.unreachable': 'The server cannot be reached. Check your internet connection and try again shortly.',
    'masks.problem.stale': 'The list below is from {time}.',
    'masks.map.title': 'Map',
    'masks.map.label': 'Map of sellers',
    'masks.map.help': 'The centre is the point searched from and the circles show distance. Tap a dot, or use the arrow keys on a dot, to choose a seller. A circle with a number is a group of sellers close together: tap it to zoom in.',
    'masks.map.drawn': 'The street map could not load, so only the point searched from and the sellers are drawn.',
    'masks.map.group': '{count} sellers close together (from number {rank}): zoom in',
    'masks.map.zoomIn': 'Zoom in',
    'masks.map.zoomOut': 'Zoom out',
    'masks.map.storeName': '{rank}. {name}, {type}, {stock}, {distance}',
    'masks.map.pick': 'Tap a dot on the map to see which seller it is.',
    'masks.map.empty': 'There are no sellers to show within this distance.',
    'masks.map.showInList': 'Show in list',
    'masks.map.north': 'N',
    'masks.map.you': 'You',
    'masks.map.centre': 'Centre',
    'masks.legend.title': 'Key',
    'masks.legend.centre': 'Point searched from (centre)',
    'masks.legend.group': 'Sellers close together (tap to zoom in)',
    'masks.list.title': 'Nearest first',
    'masks.list.showOnMap': 'Show on map',
    'masks.list.selected': 'Selected',
    'masks.store.distance': 'Distance',
    'masks.store.type': 'Type',
    'masks.store.address': 'Address',
    'masks.store.stockAt': 'Stock arrived',
    'masks.store.updatedAt': 'Updated',
    'masks.store.noTime': 'Not reported',
    'masks.type.01': 'Pharmacy',
    'masks.type.02': 'Post office',
    'masks.type.03': 'NongHyup Hanaro Mart',
    'masks.stock.plenty': 'Plenty (100 or more)',
    'masks.stock.some': 'Some (30–99)',
    'masks.stock.few': 'Few (2–29)',
    'masks.stock.empty': 'None (0–1)',
    'masks.stock.break': 'Not selling',
    'masks.stock.unknown': 'No report',
  },
  zh: {
    'common.skip': '跳到正文',
    'common.site': '国家危机应对服务',
    'common.tagline': '公共口罩、居家隔离和紧急灾难援助金，一站办理',
    'common.language': '选择语言',
    'common.emergency': '紧急情况请拨打119，传染病咨询请拨打1339（韩国疾病管理厅呼叫中心）。',
    'common.call119': '拨打119',
    'common.call1339': '拨打1339',
  },
};

/** @param {unknown} value @returns {value is 'ko' | 'en' | 'zh'} */
const isLanguage = (value) => typeof value === 'string' && pageLanguages.includes(value);

// Storage can be switched off or full (private windows); the choice then lasts only for this page.
const readStored = () => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};
/** @param {string} language */
const store = (language) => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See readStored.
  }
};

const requestedLanguage = () => {
  const requested = new URL(window.location.href).searchParams.get('lang');
  return isLanguage(requested) ? requested : undefined;
};

/**
 * Adds a page's or a screen's own messages (the console's screens bring theirs), so each keeps its
 * words beside its code; a key already defined is a mistake and is refused. Chinese only where a page
 * offers it.
 * @param {{ ko: Record<string, string>, en: Record<string, string>, zh?: Record<string, string> }} messages
 */
export const addMessages = (messages) => {
  for (const language of ALL_LANGUAGES) {
    const into = /** @type {Record<string, string>} */ (MESSAGES[language]);
    for (const [key, text] of Object.entries(messages[language] ?? {})) {
      if (key in into) throw new Error(`i18n: message ${key} is defined twice`);
      into[key] = text;
    }
  }
};

/** `?lang=` first (a shared link says what it wants), then the reader's last choice, then Korean. */
export const preferredLanguage = () => {
  const stored = readStored();
  return requestedLanguage() ?? (isLanguage(stored) ? stored : DEFAULT_LANGUAGE);
};

export const currentLanguage = () => {
  const lang = document.documentElement.lang;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
};

/**
 * The message in the current language, with `{name}` replaced from `params`. A key missing in
 * English falls back to Korean rather than showing the reader a key.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export const t = (key, params = {}) => {
  const template = MESSAGES[currentLanguage()]?.[key] ?? MESSAGES[DEFAULT_LANGUAGE]?.[key];
  if (template === undefined) {
    console.warn(`i18n: no message ${key}`);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
};

/** Number formatting of the current language, for figures inside messages. */
export const formatNumber = (/** @type {number} */ value, /** @type {Intl.NumberFormatOptions} */ options = {}) =>
  new Intl.NumberFormat(currentLanguage(), options).format(value);

export const formatTime = (/** @type {Date} */ date) =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);

/** Rewrites every marked element under `root` in the current language. */
export const translate = (/** @type {ParentNode} */ root = document) => {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(/** @type {string} */ (element.getAttribute('data-i18n')));
  }
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of element.attributes) {
      if (name.startsWith('data-i18n-')) element.setAttribute(name.slice('data-i18n-'.length), t(value));
    }
  }
};

/**
 * Switches the page: `<html lang>` (screen readers change voice on it), every marked text, the
 * pressed state of the switch, and the remembered choice.
 * @param {string} language
 * @param {{ remember?: boolean }} [options]
 */
export const setLanguage = (language, { remember = true } = {}) => {
  const next = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  document.documentElement.lang = next;
  translate();
  for (const button of document.querySelectorAll('[data-language-choice]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-language-choice') === next));
  }
  if (remember) store(next);
  // A stale `?lang=` would override the new choice on reload.
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== next) {
    url.searchParams.set('lang', next);
    window.history.replaceState(window.history.state, '', url);
  }
  for (const listener of listeners) listener(next);
};

/** Runs `listener` after every language switch, so scripts can re-render what they wrote. */
export const onLanguageChange = (/** @type {(language: string) => void} */ listener) => {
  listeners.push(listener);
};

/**
 * Applies the preferred language and wires every `[data-language-choice]` button of the page.
 * @param {{ languages?: readonly string[] }} [options] what the page offers; Korean and English by default
 */
export const startI18n = ({ languages = LANGUAGES } = {}) => {
  pageLanguages = languages;
  for (const button of document.querySelectorAll('[data-language-choice]')) {
    button.addEventListener('click', () => setLanguage(/** @type {string} */ (button.getAttribute('data-language-choice'))));
  }
  // Only a choice is remembered: pinning the default would outlive a change of default.
  setLanguage(preferredLanguage(), { remember: requestedLanguage() !== undefined });
};
