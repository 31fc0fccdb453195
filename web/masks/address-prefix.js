/**
 * What a reader types into "search by address", made into the prefix the 2020 API matches on. The
 * API compares the start of the jibun address word for word, and those addresses begin with the
 * province's full name ("서울특별시", not "서울"), so the short names people actually type are
 * expanded here. The rest is left as typed. "광주시" is not expanded: 경기도 광주시 is a city too.
 */

/** @type {Record<string, string>} */
const FULL_PROVINCE_NAMES = {
  서울: '서울특별시',
  서울시: '서울특별시',
  부산: '부산광역시',
  부산시: '부산광역시',
  대구: '대구광역시',
  대구시: '대구광역시',
  인천: '인천광역시',
  인천시: '인천광역시',
  광주: '광주광역시',
  대전: '대전광역시',
  대전시: '대전광역시',
  울산: '울산광역시',
  울산시: '울산광역시',
  세종: '세종특별자치시',
  세종시: '세종특별자치시',
  경기: '경기도',
  강원: '강원도',
  충북: '충청북도',
  충남: '충청남도',
  전북: '전라북도',
  전남: '전라남도',
  경북: '경상북도',
  경남: '경상남도',
  제주: '제주특별자치도',
  제주도: '제주특별자치도',
};

/**
 * The words of the typed address with the province spelt out; `undefined` when fewer than two
 * words remain (the API needs the province and the district at least).
 * @param {string} typed
 * @returns {string | undefined}
 */
export const addressPrefix = (typed) => {
  const words = typed.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length < 2) return undefined;
  const [first = '', ...rest] = words;
  return [FULL_PROVINCE_NAMES[first] ?? first, ...rest].join(' ');
};
