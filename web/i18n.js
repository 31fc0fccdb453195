/**
 * Korean and English for every page of the local system. Korean is the default: the HTML of each
 * page is written in Korean, so it reads correctly before (or without) this script; the Korean
 * entries here are what a page returns to after the reader switches back from English.
 *
 * Markup opts in with `data-i18n="key"` (text) and `data-i18n-<attribute>="key"` for attributes
 * (e.g. `data-i18n-aria-label`, `data-i18n-content` on a meta tag).
 */

export const LANGUAGES = /** @type {const} */ (['ko', 'en']);
export const DEFAULT_LANGUAGE = 'ko';

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
  },
};

/** @param {unknown} value @returns {value is 'ko' | 'en'} */
const isLanguage = (value) => typeof value === 'string' && /** @type {readonly string[]} */ (LANGUAGES).includes(value);

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

/** Applies the preferred language and wires every `[data-language-choice]` button of the page. */
export const startI18n = () => {
  for (const button of document.querySelectorAll('[data-language-choice]')) {
    button.addEventListener('click', () => setLanguage(/** @type {string} */ (button.getAttribute('data-language-choice'))));
  }
  // Only a choice is remembered: pinning the default would outlive a change of default.
  setLanguage(preferredLanguage(), { remember: requestedLanguage() !== undefined });
};
