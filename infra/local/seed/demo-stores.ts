/**
 * Demo mask-selling stores shaped like the ~23,000 pharmacies, post offices and NongHyup Hanaro
 * marts of the March 2020 public-mask service: real provinces and districts, jibun addresses, codes
 * in the style of the public API, spread like the population.
 *
 * Every store is derived from its own index (and the seed) alone, so a larger list always begins
 * with the smaller one: the 25,000-store bench is a superset of the 23,000-store demo, and a store
 * keeps its code, name and place when the count changes.
 */

export type StoreType = '01' | '02' | '03';

export type RegionCode =
  | '11' | '26' | '27' | '28' | '29' | '30' | '31' | '36'
  | '41' | '42' | '43' | '44' | '45' | '46' | '47' | '48' | '50';

export interface DemoStore {
  code: string;
  name: string;
  addr: string;
  type: StoreType;
  lat: number;
  lng: number;
  regionCode: RegionCode;
}

export interface DemoDistrict {
  /** Si/gun/gu as written in an address, e.g. '강남구' or '수원시 장안구'; '' where there is none (Sejong). */
  readonly name: string;
  readonly lat: number;
  readonly lng: number;
  /** Relative weight within the province: roughly its 2020 population in ten-thousands. */
  readonly weight: number;
  /** Spread around the centre; small where the district is dense or the coast is close. */
  readonly sigmaKm: number;
  /** Legal dong, or eup/myeon with its ri, as written in a jibun address. */
  readonly dongs: readonly string[];
  /**
   * Each dong's approximate centre, in the order of `dongs`, where known (Seoul). A store in a province
   * whose dongs all have centres takes the address of the nearest dong centre: its district and dong
   * then follow from where it stands, even when its district's spread reaches into a neighbour.
   */
  readonly dongCentres?: readonly { readonly lat: number; readonly lng: number }[];
}

export interface DemoProvince {
  readonly code: RegionCode;
  /** As written at the head of an address in 2020 (강원도 and 전라북도 were renamed later). */
  readonly fullName: string;
  readonly shortName: string;
  /** Resident population at the end of 2020, in ten-thousands. */
  readonly population: number;
  readonly districts: readonly DemoDistrict[];
}

function d(name: string, lat: number, lng: number, weight: number, sigmaKm: number, dongs: string): DemoDistrict {
  return { name, lat, lng, weight, sigmaKm, dongs: dongs.split(',') };
}

/** As `d`, with each dong's centre: `'논현동 37.511 127.028|…'` (read off a map, right to a few hundred metres). */
function c(name: string, lat: number, lng: number, weight: number, sigmaKm: number, dongs: string): DemoDistrict {
  const entries = dongs.split('|').map((entry) => {
    const [dong = '', dongLat = '', dongLng = ''] = entry.split(' ');
    return { dong, lat: Number(dongLat), lng: Number(dongLng) };
  });
  return { name, lat, lng, weight, sigmaKm, dongs: entries.map((e) => e.dong), dongCentres: entries.map(({ lat: y, lng: x }) => ({ lat: y, lng: x })) };
}

// Centres are the district offices or, where a district office sits on the coast or far from where
// people live (화성, 무안, 제주), the populated part; the spread is truncated at two sigma so that
// coastal districts stay on land.
export const DEMO_PROVINCES: readonly DemoProvince[] = [
  {
    code: '11', fullName: '서울특별시', shortName: '서울', population: 966.8,
    districts: [
      c('종로구', 37.5735, 126.979, 15.0, 1.5, '혜화동 37.588 127.001|평창동 37.609 126.970|부암동 37.595 126.962|숭인동 37.575 127.018|창신동 37.573 127.013|이화동 37.577 127.004|청진동 37.571 126.981|관철동 37.569 126.986|명륜동 37.586 126.998|세종로 37.574 126.976|사직동 37.576 126.968|삼청동 37.585 126.982|청운동 37.587 126.969|가회동 37.582 126.986|원남동 37.576 126.997|무악동 37.575 126.959|동숭동 37.582 127.004'),
      c('중구', 37.5641, 126.9979, 13.4, 1.3, '태평로1가 37.5665 126.977|신당동 37.560 127.015|황학동 37.568 127.020|필동 37.559 126.996|회현동 37.556 126.980|남창동 37.559 126.977|중림동 37.559 126.965|만리동 37.555 126.967|을지로3가 37.566 126.992|소공동 37.564 126.980|명동 37.563 126.986|충무로2가 37.561 126.991|장충동 37.559 127.004|정동 37.566 126.972|을지로6가 37.5665 127.0065'),
      c('용산구', 37.5324, 126.9905, 24.4, 1.6, '이태원동 37.5345 126.994|한남동 37.534 127.006|용산동2가 37.543 126.984|효창동 37.542 126.961|청파동 37.545 126.967|후암동 37.550 126.979|이촌동 37.521 126.970|보광동 37.528 126.999|한강로2가 37.530 126.966|서빙고동 37.520 126.991|갈월동 37.545 126.973|동자동 37.551 126.973'),
      c('성동구', 37.5634, 127.0369, 29.9, 1.6, '행당동 37.5585 127.0345|하왕십리동 37.5637 127.0255|금호동2가 37.554 127.020|옥수동 37.542 127.014|마장동 37.568 127.045|응봉동 37.551 127.034|사근동 37.560 127.047|성수동1가 37.546 127.046|성수동2가 37.542 127.058'),
      c('광진구', 37.5385, 127.0823, 35.2, 1.6, '자양동 37.5345 127.082|구의동 37.541 127.089|화양동 37.546 127.071|중곡동 37.560 127.080|능동 37.553 127.081|광장동 37.546 127.103|군자동 37.557 127.074'),
      c('동대문구', 37.5744, 127.04, 34.6, 1.6, '회기동 37.590 127.055|휘경동 37.589 127.063|이문동 37.597 127.062|전농동 37.580 127.056|답십리동 37.569 127.055|장안동 37.570 127.070|청량리동 37.588 127.045|제기동 37.582 127.039|용두동 37.575 127.035'),
      c('중랑구', 37.6066, 127.0927, 39.5, 1.6, '면목동 37.584 127.087|상봉동 37.597 127.087|중화동 37.600 127.078|묵동 37.612 127.078|망우동 37.600 127.100|신내동 37.614 127.100'),
      c('성북구', 37.5894, 127.0167, 44.2, 1.8, '성북동 37.594 126.996|돈암동 37.593 127.014|안암동 37.587 127.027|정릉동 37.605 127.005|길음동 37.605 127.024|종암동 37.598 127.035|석관동 37.610 127.060|장위동 37.616 127.050|보문동 37.584 127.020'),
      c('강북구', 37.6397, 127.0256, 30.8, 1.6, '미아동 37.620 127.025|번동 37.633 127.030|수유동 37.640 127.015|우이동 37.661 127.012'),
      c('도봉구', 37.6688, 127.0471, 32.6, 1.6, '쌍문동 37.650 127.030|방학동 37.666 127.035|창동 37.651 127.048|도봉동 37.680 127.044'),
      c('노원구', 37.6542, 127.0568, 52.3, 1.8, '상계동 37.662 127.070|중계동 37.645 127.075|하계동 37.638 127.068|공릉동 37.625 127.080|월계동 37.626 127.060'),
      c('은평구', 37.6028, 126.9291, 48.2, 1.8, '불광동 37.6155 126.932|녹번동 37.602 126.935|응암동 37.593 126.920|역촌동 37.605 126.915|갈현동 37.620 126.915|구산동 37.613 126.905|대조동 37.6125 126.921|진관동 37.637 126.922|수색동 37.582 126.895|신사동 37.597 126.910'),
      c('서대문구', 37.5791, 126.9368, 32.3, 1.6, '신촌동 37.563 126.940|창천동 37.557 126.935|연희동 37.570 126.930|홍제동 37.588 126.945|홍은동 37.596 126.938|북가좌동 37.578 126.913|남가좌동 37.574 126.920|대현동 37.560 126.945|북아현동 37.560 126.955'),
      c('마포구', 37.5663, 126.9019, 37.4, 1.8, '서교동 37.553 126.920|합정동 37.550 126.910|망원동 37.556 126.902|연남동 37.562 126.923|상암동 37.578 126.890|공덕동 37.545 126.953|아현동 37.553 126.957|도화동 37.540 126.950|성산동 37.565 126.908|대흥동 37.550 126.943'),
      c('양천구', 37.517, 126.8665, 45.8, 1.6, '목동 37.530 126.875|신정동 37.516 126.860|신월동 37.528 126.835'),
      c('강서구', 37.5509, 126.8495, 58.1, 1.8, '화곡동 37.541 126.845|등촌동 37.553 126.860|염창동 37.550 126.873|가양동 37.563 126.857|발산동 37.557 126.838|마곡동 37.563 126.830|방화동 37.573 126.810|공항동 37.560 126.808'),
      c('구로구', 37.4954, 126.8874, 40.6, 1.8, '구로동 37.490 126.885|신도림동 37.508 126.889|개봉동 37.495 126.856|오류동 37.494 126.843|고척동 37.502 126.860|가리봉동 37.482 126.888|궁동 37.500 126.827'),
      c('금천구', 37.457, 126.8955, 23.3, 1.4, '가산동 37.478 126.882|독산동 37.468 126.898|시흥동 37.450 126.905'),
      c('영등포구', 37.5264, 126.8962, 37.8, 1.7, '영등포동 37.517 126.905|여의도동 37.525 126.925|당산동 37.533 126.900|문래동 37.517 126.893|양평동 37.530 126.888|신길동 37.505 126.915|대림동 37.493 126.900|도림동 37.507 126.900'),
      c('동작구', 37.5124, 126.9393, 39.1, 1.6, '노량진동 37.513 126.940|상도동 37.500 126.945|흑석동 37.508 126.963|사당동 37.485 126.977|대방동 37.505 126.9265|신대방동 37.490 126.915|본동 37.511 126.953'),
      c('관악구', 37.4781, 126.9515, 49.5, 1.7, '봉천동 37.482 126.945|신림동 37.475 126.925|남현동 37.474 126.978'),
      c('서초구', 37.4837, 127.0324, 42.5, 2.0, '서초동 37.490 127.010|방배동 37.482 126.993|잠원동 37.515 127.012|반포동 37.505 127.003|양재동 37.470 127.040|우면동 37.462 127.020|내곡동 37.450 127.065'),
      c('강남구', 37.5172, 127.0473, 53.9, 2.0, '논현동 37.511 127.028|역삼동 37.500 127.037|삼성동 37.514 127.056|대치동 37.499 127.060|압구정동 37.528 127.030|신사동 37.520 127.021|청담동 37.525 127.047|도곡동 37.489 127.045|개포동 37.480 127.060|일원동 37.487 127.083|수서동 37.487 127.100|세곡동 37.465 127.105'),
      c('송파구', 37.5145, 127.1059, 66.7, 2.0, '잠실동 37.508 127.085|신천동 37.517 127.105|석촌동 37.503 127.100|송파동 37.506 127.110|방이동 37.512 127.118|오금동 37.503 127.128|가락동 37.497 127.118|문정동 37.485 127.123|거여동 37.494 127.145|마천동 37.497 127.152|풍납동 37.533 127.115'),
      c('강동구', 37.5301, 127.1238, 45.9, 1.8, '천호동 37.542 127.128|성내동 37.530 127.128|길동 37.538 127.140|둔촌동 37.527 127.140|암사동 37.552 127.130|명일동 37.550 127.145|고덕동 37.557 127.155|상일동 37.551 127.168|강일동 37.565 127.175'),
    ],
  },
  {
    code: '26', fullName: '부산광역시', shortName: '부산', population: 339.2,
    districts: [
      d('해운대구', 35.185, 129.155, 40.0, 1.4, '우동,중동,좌동,재송동,반여동,반송동,송정동'),
      d('부산진구', 35.1631, 129.0532, 36.3, 1.6, '부전동,전포동,양정동,범천동,가야동,개금동,당감동,부암동,초읍동'),
      d('동래구', 35.205, 129.0838, 27.2, 1.5, '온천동,사직동,명륜동,수안동,안락동,명장동'),
      d('남구', 35.1366, 129.0843, 26.9, 1.3, '대연동,용호동,문현동,우암동,감만동'),
      d('북구', 35.1972, 128.9903, 27.9, 1.8, '구포동,덕천동,만덕동,화명동,금곡동'),
      d('사하구', 35.1046, 128.9749, 31.5, 1.5, '괴정동,하단동,당리동,장림동,다대동,신평동'),
      d('금정구', 35.2428, 129.0922, 22.9, 1.8, '부곡동,서동,장전동,구서동,남산동,청룡동'),
      d('연제구', 35.1762, 129.0798, 20.9, 1.2, '연산동,거제동'),
      d('수영구', 35.165, 129.11, 17.6, 0.9, '광안동,남천동,수영동,민락동,망미동'),
      d('사상구', 35.1526, 128.9911, 21.2, 1.5, '감전동,괘법동,주례동,학장동,엄궁동,모라동,덕포동'),
      d('기장군', 35.28, 129.17, 17.4, 2.5, '기장읍 대라리,기장읍 동부리,정관읍 매학리,정관읍 용수리,일광면 삼성리,철마면 와여리'),
      d('강서구', 35.2122, 128.9806, 14.2, 2.2, '명지동,대저1동,강동동,녹산동,신호동,지사동'),
      d('동구', 35.1293, 129.0454, 8.9, 1.0, '초량동,수정동,좌천동,범일동'),
      d('영도구', 35.08, 129.06, 11.3, 0.9, '동삼동,청학동,영선동1가,신선동1가,봉래동2가'),
      d('서구', 35.0979, 129.0243, 10.7, 1.0, '동대신동1가,서대신동2가,암남동,충무동1가,아미동2가,남부민동'),
      d('중구', 35.1063, 129.0323, 4.2, 0.7, '대청동1가,보수동1가,광복동2가,남포동3가,영주동,창선동1가'),
    ],
  },
  {
    code: '27', fullName: '대구광역시', shortName: '대구', population: 241.8,
    districts: [
      d('수성구', 35.8582, 128.6306, 42.5, 2.2, '범어동,만촌동,황금동,지산동,범물동,두산동,신매동,매호동,상동,중동'),
      d('달서구', 35.8298, 128.5327, 55.6, 2.2, '월성동,상인동,진천동,본리동,성당동,두류동,감삼동,죽전동,이곡동,용산동'),
      d('북구', 35.8858, 128.5828, 43.3, 2.2, '침산동,산격동,복현동,대현동,관음동,구암동,태전동,동천동'),
      d('동구', 35.8866, 128.6355, 34.4, 2.6, '신암동,신천동,효목동,지저동,방촌동,율하동,각산동,신서동'),
      d('중구', 35.8693, 128.6062, 7.6, 1.0, '대봉동,남산동,대신동,삼덕동1가,동인동1가,봉산동'),
      d('서구', 35.8718, 128.5592, 17.4, 1.3, '내당동,비산동,평리동,중리동,상중이동'),
      d('남구', 35.846, 128.5975, 14.7, 1.2, '대명동,봉덕동,이천동'),
      d('달성군', 35.78, 128.46, 26.2, 5.0, '화원읍 천내리,다사읍 매곡리,다사읍 서재리,논공읍 금포리,현풍읍 중리,옥포읍 교항리,유가읍 봉리'),
    ],
  },
  {
    code: '28', fullName: '인천광역시', shortName: '인천', population: 294.3,
    districts: [
      d('남동구', 37.4473, 126.7314, 53.0, 2.2, '구월동,간석동,만수동,논현동,장수동,서창동,고잔동'),
      d('부평구', 37.5071, 126.7219, 49.9, 1.8, '부평동,산곡동,청천동,갈산동,삼산동,부개동,십정동,일신동'),
      d('서구', 37.5454, 126.676, 54.8, 2.8, '마전동,당하동,원당동,가정동,석남동,가좌동,심곡동,연희동,청라동,검암동'),
      d('연수구', 37.4101, 126.6783, 38.5, 1.5, '연수동,송도동,옥련동,동춘동,선학동,청학동'),
      d('미추홀구', 37.4633, 126.6503, 40.9, 1.6, '주안동,숭의동,용현동,학익동,도화동,문학동,관교동'),
      d('계양구', 37.5372, 126.7376, 30.0, 1.8, '계산동,작전동,효성동,서운동,임학동,병방동'),
      d('중구', 37.4738, 126.6216, 8.0, 0.8, '율목동,인현동,경동,내동,도원동,신흥동1가,송월동1가'),
      d('동구', 37.4739, 126.6432, 6.3, 0.8, '송림동,송현동,만석동,화수동,창영동,금곡동'),
      d('강화군', 37.7467, 126.488, 6.9, 3.0, '강화읍 관청리,강화읍 갑곳리,길상면 온수리,선원면 신정리'),
    ],
  },
  {
    code: '29', fullName: '광주광역시', shortName: '광주', population: 145.0,
    districts: [
      d('북구', 35.1742, 126.912, 43.0, 2.2, '용봉동,운암동,문흥동,두암동,일곡동,오치동,각화동,양산동,중흥동'),
      d('광산구', 35.1396, 126.7937, 40.3, 3.0, '장덕동,신가동,월곡동,우산동,송정동,운남동,신창동,쌍암동,월계동,산월동'),
      d('서구', 35.152, 126.8903, 29.5, 1.8, '치평동,쌍촌동,화정동,농성동,풍암동,금호동,광천동,양동'),
      d('남구', 35.1329, 126.9024, 21.6, 1.8, '봉선동,주월동,월산동,백운동,진월동,방림동,노대동'),
      d('동구', 35.146, 126.9231, 10.4, 1.4, '계림동,산수동,지산동,학동,서석동,동명동,소태동'),
    ],
  },
  {
    code: '30', fullName: '대전광역시', shortName: '대전', population: 146.4,
    districts: [
      d('서구', 36.3553, 127.3838, 47.9, 2.2, '둔산동,탄방동,월평동,갈마동,관저동,가수원동,괴정동,도마동,용문동,만년동'),
      d('유성구', 36.3623, 127.3562, 35.2, 3.0, '봉명동,궁동,어은동,노은동,지족동,관평동,전민동,신성동,상대동,도룡동,구암동'),
      d('중구', 36.3256, 127.4213, 23.8, 1.8, '은행동,대흥동,선화동,문화동,태평동,유천동,중촌동,목동,산성동'),
      d('동구', 36.3122, 127.4549, 22.5, 2.0, '삼성동,용전동,가양동,판암동,대동,홍도동,신흥동,자양동,용운동'),
      d('대덕구', 36.3466, 127.4156, 17.6, 2.2, '오정동,송촌동,법동,중리동,비래동,신탄진동,석봉동,와동,읍내동'),
    ],
  },
  {
    code: '31', fullName: '울산광역시', shortName: '울산', population: 113.6,
    districts: [
      d('남구', 35.5438, 129.3301, 32.2, 1.8, '삼산동,달동,신정동,무거동,옥동,야음동,선암동'),
      d('중구', 35.5694, 129.3327, 22.1, 1.8, '성남동,옥교동,학성동,반구동,태화동,다운동,우정동,복산동'),
      d('동구', 35.51, 129.41, 16.1, 1.0, '방어동,일산동,화정동,전하동,서부동,동부동'),
      d('북구', 35.5827, 129.3612, 21.7, 2.5, '천곡동,달천동,매곡동,신천동,염포동,양정동,효문동,화봉동,송정동'),
      d('울주군', 35.54, 129.22, 22.3, 5.0, '범서읍 구영리,범서읍 천상리,언양읍 동부리,온산읍 덕신리,온양읍 남창리,삼남읍 교동리,청량읍 율리'),
    ],
  },
  {
    code: '36', fullName: '세종특별자치시', shortName: '세종', population: 35.5,
    // Sejong has no si/gun/gu: its jibun addresses go straight from the city to the dong.
    districts: [
      d('', 36.5, 127.265, 27.0, 2.5, '한솔동,도담동,아름동,종촌동,고운동,보람동,새롬동,다정동,소담동,대평동,어진동,나성동'),
      d('', 36.6035, 127.2985, 4.4, 1.8, '조치원읍 침산리,조치원읍 원리,조치원읍 교리,조치원읍 신흥리,조치원읍 번암리'),
      d('', 36.55, 127.3, 4.0, 6.0, '금남면 용포리,부강면 부강리,연서면 봉암리,장군면 금암리,전의면 읍내리,연기면 세종리'),
    ],
  },
  {
    code: '41', fullName: '경기도', shortName: '경기', population: 1342.7,
    districts: [
      d('수원시 장안구', 37.304, 127.01, 27.3, 1.8, '정자동,조원동,파장동,율전동,천천동,영화동,연무동,송죽동'),
      d('수원시 권선구', 37.258, 126.972, 37.4, 2.2, '권선동,세류동,곡반정동,호매실동,금곡동,구운동,탑동,입북동'),
      d('수원시 팔달구', 37.283, 127.02, 18.4, 1.4, '인계동,매교동,우만동,지동,화서동,고등동,교동'),
      d('수원시 영통구', 37.259, 127.047, 36.5, 2.0, '영통동,매탄동,원천동,이의동,하동,망포동,신동'),
      d('성남시 수정구', 37.45, 127.146, 23.6, 1.6, '태평동,신흥동,수진동,단대동,산성동,양지동,복정동,창곡동'),
      d('성남시 중원구', 37.43, 127.137, 21.6, 1.5, '성남동,중앙동,금광동,은행동,상대원동,하대원동,도촌동'),
      d('성남시 분당구', 37.383, 127.119, 48.6, 2.5, '정자동,서현동,이매동,야탑동,수내동,금곡동,구미동,삼평동,판교동,백현동'),
      d('안양시 만안구', 37.387, 126.932, 23.7, 1.6, '안양동,석수동,박달동'),
      d('안양시 동안구', 37.393, 126.957, 31.3, 1.6, '비산동,관양동,평촌동,호계동'),
      d('부천시', 37.5035, 126.766, 81.8, 2.5, '중동,상동,심곡동,소사본동,원미동,역곡동,송내동,괴안동,오정동,고강동,작동'),
      d('안산시 상록구', 37.3, 126.846, 35.5, 2.2, '사동,본오동,월피동,성포동,이동,일동,부곡동,건건동'),
      d('안산시 단원구', 37.319, 126.811, 29.9, 2.0, '고잔동,와동,선부동,초지동,원곡동,신길동'),
      d('고양시 덕양구', 37.637, 126.832, 47.5, 2.8, '화정동,행신동,성사동,주교동,토당동,원흥동,삼송동,지축동'),
      d('고양시 일산동구', 37.658, 126.775, 29.6, 2.0, '장항동,마두동,백석동,풍동,식사동,중산동'),
      d('고양시 일산서구', 37.675, 126.75, 30.8, 2.0, '일산동,주엽동,대화동,탄현동,덕이동,가좌동'),
      d('용인시 처인구', 37.234, 127.201, 25.9, 4.5, '김량장동,역북동,삼가동,남동,유방동,포곡읍 전대리,백암면 백암리'),
      d('용인시 기흥구', 37.28, 127.115, 43.7, 2.8, '구갈동,신갈동,보라동,동백동,마북동,보정동,중동,영덕동,상하동,서천동'),
      d('용인시 수지구', 37.322, 127.098, 37.8, 2.2, '풍덕천동,죽전동,상현동,성복동,신봉동,동천동,고기동'),
      d('화성시', 37.201, 127.073, 40.0, 2.2, '반송동,석우동,능동,청계동,영천동,오산동,산척동,목동,송동'),
      d('화성시', 37.207, 127.033, 15.0, 1.5, '병점동,진안동,기산동,반월동'),
      d('화성시', 37.15, 126.9, 30.5, 5.0, '봉담읍 분천리,봉담읍 상리,향남읍 발안리,향남읍 행정리,남양읍 남양리,우정읍 조암리,송산면 사강리'),
      d('남양주시', 37.636, 127.216, 71.3, 4.0, '다산동,별내동,호평동,평내동,금곡동,도농동,지금동,화도읍 마석우리,진접읍 장현리,오남읍 오남리,와부읍 덕소리'),
      d('평택시', 36.992, 127.113, 53.7, 4.0, '비전동,세교동,합정동,동삭동,소사동,서정동,장당동,지산동,이충동,안중읍 안중리,포승읍 원정리,팽성읍 안정리'),
      d('의정부시', 37.738, 127.034, 46.2, 2.0, '의정부동,호원동,가능동,신곡동,용현동,장암동,민락동,금오동,녹양동'),
      d('시흥시', 37.38, 126.803, 50.0, 3.0, '정왕동,대야동,신천동,은행동,장곡동,능곡동,하중동,조남동,월곶동'),
      d('파주시', 37.75, 126.77, 46.5, 4.0, '금촌동,아동동,야당동,와동동,목동동,동패동,다율동,문산읍 문산리,조리읍 봉일천리,파주읍 연풍리,법원읍 법원리'),
      d('김포시', 37.615, 126.716, 47.3, 3.5, '사우동,풍무동,장기동,구래동,마산동,운양동,감정동,걸포동,통진읍 마송리,고촌읍 신곡리,양촌읍 양곡리'),
      d('광명시', 37.479, 126.865, 29.8, 1.8, '광명동,철산동,하안동,소하동,일직동,노온사동'),
      d('광주시', 37.429, 127.255, 38.4, 4.0, '경안동,송정동,쌍령동,역동,탄벌동,오포읍 양벌리,초월읍 지월리,곤지암읍 곤지암리,퇴촌면 광동리'),
      d('군포시', 37.362, 126.935, 27.4, 1.8, '산본동,금정동,당동,당정동,부곡동,대야미동'),
      d('하남시', 37.539, 127.215, 29.2, 2.0, '신장동,덕풍동,풍산동,망월동,선동,학암동,감일동,창우동'),
      d('오산시', 37.15, 127.077, 23.0, 2.0, '오산동,원동,궐동,부산동,세교동,갈곶동,수청동,누읍동'),
      d('이천시', 37.272, 127.435, 21.9, 5.0, '창전동,중리동,관고동,안흥동,증포동,송정동,부발읍 아미리,장호원읍 장호원리,마장면 오천리'),
      d('양주시', 37.785, 127.046, 23.2, 4.0, '덕정동,고읍동,삼숭동,만송동,광사동,백석읍 오산리,장흥면 일영리,남면 신산리'),
      d('구리시', 37.594, 127.13, 19.6, 1.5, '인창동,교문동,수택동,토평동,갈매동,사노동'),
      d('안성시', 37.008, 127.28, 18.5, 5.0, '석정동,봉산동,당왕동,인지동,공도읍 진사리,공도읍 만정리,대덕면 내리,미양면 구수리'),
      d('포천시', 37.895, 127.2, 14.8, 6.0, '신읍동,선단동,어룡동,소흘읍 송우리,가산면 방축리,군내면 구읍리,일동면 기산리,영중면 양문리'),
      d('의왕시', 37.345, 126.968, 16.4, 1.8, '고천동,오전동,내손동,포일동,삼동,청계동,학의동'),
      d('양평군', 37.492, 127.488, 11.8, 7.0, '양평읍 양근리,양평읍 공흥리,용문면 다문리,옥천면 아신리,양서면 양수리,지평면 지평리'),
      d('여주시', 37.298, 127.637, 11.1, 6.0, '홍문동,창동,상동,하동,교동,가남읍 태평리,점동면 처리,대신면 천서리'),
      d('동두천시', 37.904, 127.061, 9.4, 2.0, '생연동,지행동,송내동,보산동,광암동,상패동'),
      d('과천시', 37.429, 126.988, 7.2, 1.5, '중앙동,별양동,부림동,원문동,갈현동,과천동'),
      d('가평군', 37.831, 127.51, 6.3, 7.0, '가평읍 읍내리,가평읍 대곡리,청평면 청평리,설악면 신천리,조종면 현리'),
      d('연천군', 38.096, 127.075, 4.3, 5.0, '연천읍 차탄리,전곡읍 전곡리,청산면 초성리,백학면 두일리'),
    ],
  },
  {
    code: '42', fullName: '강원도', shortName: '강원', population: 154.3,
    districts: [
      d('원주시', 37.342, 127.92, 35.4, 3.5, '단계동,무실동,명륜동,단구동,태장동,우산동,학성동,일산동,반곡동,문막읍 문막리,지정면 가곡리'),
      d('춘천시', 37.881, 127.73, 28.1, 3.0, '석사동,퇴계동,온의동,효자동,후평동,우두동,근화동,약사동,동면 만천리,신북읍 천전리'),
      d('강릉시', 37.752, 128.875, 21.3, 2.0, '교동,포남동,옥천동,임당동,홍제동,내곡동,입암동,송정동,주문진읍 교항리'),
      d('동해시', 37.52, 129.1, 9.0, 1.5, '천곡동,평릉동,송정동,발한동,묵호진동,부곡동'),
      d('속초시', 38.2, 128.57, 8.3, 1.5, '조양동,교동,노학동,금호동,청호동,동명동,영랑동,대포동'),
      d('삼척시', 37.44, 129.15, 6.4, 2.0, '남양동,성내동,교동,정라동,당저동,도계읍 도계리,근덕면 교가리'),
      d('홍천군', 37.697, 127.889, 6.8, 6.0, '홍천읍 희망리,홍천읍 연봉리,화촌면 성산리,북방면 하화계리'),
      d('횡성군', 37.492, 127.985, 4.6, 5.0, '횡성읍 읍하리,횡성읍 조곡리,우천면 우항리,둔내면 자포곡리'),
      d('태백시', 37.164, 128.986, 4.3, 2.0, '황지동,장성동,문곡동,철암동,화전동,소도동'),
      d('평창군', 37.371, 128.39, 4.2, 7.0, '평창읍 중리,대화면 대화리,봉평면 창동리,진부면 하진부리,대관령면 횡계리'),
      d('영월군', 37.184, 128.462, 3.9, 6.0, '영월읍 영흥리,영월읍 하송리,주천면 주천리,상동읍 내덕리'),
      d('정선군', 37.381, 128.661, 3.6, 7.0, '정선읍 봉양리,고한읍 고한리,사북읍 사북리,신동읍 예미리'),
      d('철원군', 38.147, 127.313, 4.3, 4.0, '갈말읍 신철원리,동송읍 이평리,김화읍 학사리,서면 와수리'),
      d('인제군', 38.07, 128.17, 3.2, 6.0, '인제읍 상동리,기린면 현리,북면 원통리'),
    ],
  },
  {
    code: '43', fullName: '충청북도', shortName: '충북', population: 160.1,
    districts: [
      d('청주시 상당구', 36.633, 127.489, 18.7, 2.5, '용암동,금천동,용정동,영운동,탑동,방서동,낭성면 호정리'),
      d('청주시 서원구', 36.627, 127.466, 19.5, 2.5, '사창동,개신동,모충동,수곡동,산남동,분평동,성화동'),
      d('청주시 흥덕구', 36.626, 127.43, 26.5, 3.0, '복대동,가경동,봉명동,운천동,신봉동,강서동,오송읍 오송리,옥산면 가락리'),
      d('청주시 청원구', 36.666, 127.487, 19.4, 3.0, '율량동,사천동,내덕동,우암동,주성동,오창읍 양청리,내수읍 내수리'),
      d('충주시', 36.991, 127.926, 21.0, 4.0, '연수동,교현동,문화동,칠금동,호암동,용산동,목행동,주덕읍 신양리,앙성면 용포리'),
      d('제천시', 37.133, 128.191, 13.4, 3.0, '의림동,청전동,화산동,고암동,장락동,봉양읍 주포리,금성면 구룡리'),
      d('음성군', 36.94, 127.69, 9.3, 5.0, '음성읍 읍내리,금왕읍 무극리,대소면 오산리,맹동면 쌍정리,삼성면 덕정리'),
      d('진천군', 36.855, 127.436, 8.3, 4.0, '진천읍 읍내리,진천읍 교성리,이월면 중산리,광혜원면 광혜원리'),
      d('옥천군', 36.306, 127.571, 5.1, 5.0, '옥천읍 금구리,옥천읍 삼양리,이원면 강청리,청산면 지전리'),
      d('영동군', 36.175, 127.783, 4.7, 5.0, '영동읍 계산리,영동읍 부용리,황간면 남성리,용산면 법곡리'),
      d('증평군', 36.785, 127.581, 3.7, 2.5, '증평읍 창동리,증평읍 중동리,도안면 화성리'),
      d('괴산군', 36.815, 127.787, 3.8, 6.0, '괴산읍 동부리,괴산읍 서부리,청천면 청천리,불정면 목도리'),
    ],
  },
  {
    code: '44', fullName: '충청남도', shortName: '충남', population: 212.1,
    districts: [
      d('천안시 동남구', 36.807, 127.15, 26.2, 3.0, '신부동,원성동,문화동,봉명동,다가동,청당동,구성동,신방동,목천읍 신계리,병천면 병천리'),
      d('천안시 서북구', 36.835, 127.13, 39.6, 3.0, '쌍용동,불당동,백석동,두정동,성정동,성성동,차암동,직산읍 군서리,성환읍 성환리'),
      d('아산시', 36.79, 127.002, 31.3, 4.0, '온천동,실옥동,용화동,권곡동,배방읍 장재리,배방읍 공수리,탕정면 매곡리,둔포면 둔포리'),
      d('서산시', 36.785, 126.45, 17.7, 4.0, '읍내동,동문동,석림동,예천동,수석동,대산읍 대산리,해미면 읍내리'),
      d('당진시', 36.89, 126.628, 16.6, 4.0, '읍내동,원당동,채운동,수청동,합덕읍 운산리,송악읍 기지시리,면천면 성상리'),
      d('논산시', 36.187, 127.099, 11.8, 4.0, '반월동,화지동,내동,취암동,부창동,강경읍 대흥리,연무읍 안심리,연산면 연산리'),
      d('공주시', 36.446, 127.119, 10.4, 4.0, '중학동,신관동,웅진동,금흥동,옥룡동,유구읍 석남리,계룡면 경천리'),
      d('보령시', 36.333, 126.613, 10.0, 3.0, '대천동,동대동,명천동,궁촌동,신흑동,웅천읍 대천리'),
      d('홍성군', 36.601, 126.661, 10.0, 4.0, '홍성읍 오관리,홍성읍 고암리,홍북읍 신경리,광천읍 광천리,갈산면 동산리'),
      d('예산군', 36.682, 126.845, 7.9, 4.0, '예산읍 예산리,예산읍 산성리,삽교읍 두리,덕산면 읍내리'),
    ],
  },
  {
    code: '45', fullName: '전라북도', shortName: '전북', population: 180.4,
    districts: [
      d('전주시 완산구', 35.812, 127.12, 34.9, 2.5, '효자동2가,삼천동1가,평화동2가,서신동,중화산동2가,서노송동,교동,완산동'),
      d('전주시 덕진구', 35.83, 127.134, 30.8, 2.5, '송천동2가,인후동1가,우아동3가,금암동,덕진동1가,진북동,호성동1가,만성동'),
      d('익산시', 35.948, 126.958, 28.1, 3.0, '영등동,모현동1가,어양동,부송동,남중동,마동,신동,송학동,함열읍 와리,황등면 황등리'),
      d('군산시', 35.965, 126.745, 26.8, 2.0, '나운동,수송동,조촌동,미룡동,소룡동,경암동,산북동,지곡동,대야면 지경리'),
      d('정읍시', 35.57, 126.856, 10.7, 4.0, '수성동,시기동,연지동,상동,농소동,신태인읍 신태인리,태인면 태창리'),
      d('남원시', 35.416, 127.39, 8.0, 4.0, '도통동,향교동,왕정동,동충동,하정동,운봉읍 서천리,인월면 인월리'),
      d('김제시', 35.804, 126.881, 8.3, 4.0, '요촌동,신풍동,검산동,교동,만경읍 만경리,금산면 원평리'),
      d('완주군', 35.89, 127.15, 9.2, 5.0, '봉동읍 장기리,삼례읍 삼례리,이서면 갈산리,용진읍 운곡리,고산면 읍내리'),
      d('고창군', 35.436, 126.702, 5.4, 4.0, '고창읍 읍내리,고창읍 월곡리,흥덕면 흥덕리,해리면 하련리'),
    ],
  },
  {
    code: '46', fullName: '전라남도', shortName: '전남', population: 185.1,
    districts: [
      d('여수시', 34.765, 127.66, 28.0, 1.5, '학동,선원동,둔덕동,미평동,교동,중앙동,여서동,문수동,웅천동,소호동'),
      d('순천시', 34.951, 127.487, 28.1, 3.0, '연향동,조례동,왕지동,풍덕동,장천동,매곡동,덕암동,해룡면 신대리'),
      d('목포시', 34.812, 126.392, 22.3, 1.5, '상동,용해동,옥암동,석현동,산정동,연산동,대양동,죽교동'),
      d('광양시', 34.95, 127.68, 15.1, 2.0, '중동,마동,광영동,금호동,광양읍 칠성리,광양읍 인동리'),
      d('나주시', 35.016, 126.711, 11.6, 4.0, '송월동,빛가람동,금남동,대호동,이창동,영강동,남평읍 남석리'),
      d('무안군', 34.86, 126.47, 8.9, 4.0, '삼향읍 남악리,무안읍 성남리,일로읍 월암리,청계면 남성리'),
      d('화순군', 35.064, 126.987, 6.2, 5.0, '화순읍 광덕리,화순읍 대리,능주면 석고리,동면 복암리'),
      d('해남군', 34.573, 126.599, 6.8, 4.0, '해남읍 구교리,해남읍 수성리,송지면 산정리,화원면 청룡리'),
      d('고흥군', 34.611, 127.285, 6.5, 3.0, '고흥읍 옥하리,도양읍 봉암리,과역면 과역리'),
      d('담양군', 35.321, 126.988, 4.6, 4.0, '담양읍 객사리,담양읍 천변리,창평면 창평리'),
      d('영광군', 35.277, 126.512, 5.3, 4.0, '영광읍 도동리,영광읍 단주리,법성면 법성리'),
    ],
  },
  {
    code: '47', fullName: '경상북도', shortName: '경북', population: 263.9,
    districts: [
      d('포항시 남구', 36.005, 129.34, 24.0, 2.0, '대잠동,이동,효자동,지곡동,상도동,대도동,해도동,송도동,연일읍 생지리,오천읍 문덕리'),
      d('포항시 북구', 36.05, 129.35, 26.4, 2.0, '양덕동,장성동,두호동,죽도동,용흥동,우현동,학산동,흥해읍 성내리'),
      d('구미시', 36.12, 128.344, 41.9, 3.0, '송정동,원평동,형곡동,도량동,인동동,진평동,구평동,옥계동,고아읍 원호리,선산읍 완전리'),
      d('경산시', 35.825, 128.741, 27.1, 3.0, '중방동,옥산동,정평동,사동,하양읍 금락리,진량읍 신상리'),
      d('경주시', 35.856, 129.225, 25.3, 5.0, '황성동,용강동,동천동,성건동,황오동,노서동,안강읍 산대리,외동읍 입실리,건천읍 건천리'),
      d('안동시', 36.568, 128.73, 15.9, 4.0, '옥동,용상동,송하동,태화동,명륜동,풍산읍 안교리,풍천면 갈전리'),
      d('김천시', 36.14, 128.114, 14.0, 4.0, '평화동,신음동,부곡동,지좌동,율곡동,아포읍 국사리'),
      d('영주시', 36.806, 128.624, 10.4, 4.0, '휴천동,가흥동,하망동,상망동,풍기읍 동부리'),
      d('칠곡군', 35.996, 128.402, 11.3, 4.0, '왜관읍 왜관리,석적읍 중리,북삼읍 인평리,동명면 봉암리'),
      d('상주시', 36.411, 128.159, 9.8, 5.0, '남성동,무양동,냉림동,계산동,함창읍 구향리'),
      d('영천시', 35.973, 128.939, 10.1, 5.0, '완산동,망정동,야사동,금호읍 교대리'),
    ],
  },
  {
    code: '48', fullName: '경상남도', shortName: '경남', population: 334.0,
    districts: [
      d('창원시 의창구', 35.254, 128.64, 21.0, 2.5, '팔용동,봉곡동,명곡동,도계동,용호동,사림동,소답동,동읍 용잠리'),
      d('창원시 성산구', 35.198, 128.703, 25.0, 2.2, '상남동,중앙동,반송동,사파동,가음정동,성주동,내동,신월동'),
      d('창원시 마산합포구', 35.205, 128.575, 18.0, 1.5, '산호동,오동동,완월동,월영동,해운동,월포동,반월동'),
      d('창원시 마산회원구', 35.221, 128.58, 19.0, 2.0, '양덕동,합성동,석전동,회원동,구암동,봉암동,내서읍 중리'),
      d('창원시 진해구', 35.15, 128.69, 18.6, 1.5, '석동,풍호동,이동,자은동,여좌동,태평동,용원동'),
      d('김해시', 35.229, 128.889, 53.9, 3.0, '내동,외동,삼계동,구산동,어방동,부원동,삼방동,신문동,대청동,관동동,율하동,진영읍 여래리'),
      d('양산시', 35.335, 129.037, 35.3, 3.5, '중부동,북부동,남부동,평산동,덕계동,소주동,물금읍 범어리,물금읍 가촌리,동면 석산리'),
      d('진주시', 35.18, 128.108, 35.0, 3.0, '평거동,신안동,상대동,하대동,상봉동,초전동,가좌동,충무공동,문산읍 소문리'),
      d('거제시', 34.885, 128.63, 24.6, 2.0, '고현동,장평동,상동동,옥포동,아주동,능포동,양정동,연초면 연사리'),
      d('통영시', 34.855, 128.43, 12.8, 1.5, '무전동,북신동,정량동,도천동,항남동,광도면 죽림리'),
      d('사천시', 35.04, 128.08, 11.1, 3.0, '벌리동,동금동,사천읍 평화리,사천읍 선인리,정동면 예수리'),
      d('밀양시', 35.504, 128.746, 10.4, 5.0, '내이동,내일동,삼문동,가곡동,교동,삼랑진읍 송지리,하남읍 수산리'),
      d('거창군', 35.687, 127.91, 6.1, 5.0, '거창읍 상림리,거창읍 중앙리,가조면 마상리,위천면 장기리'),
    ],
  },
  {
    code: '50', fullName: '제주특별자치도', shortName: '제주', population: 67.5,
    districts: [
      d('제주시', 33.485, 126.51, 33.0, 1.6, '연동,노형동,일도이동,이도이동,삼도이동,건입동,도남동,아라일동,오라이동,화북일동'),
      d('제주시', 33.43, 126.33, 5.0, 3.0, '애월읍 애월리,애월읍 고성리,한림읍 한림리,한림읍 옹포리'),
      d('제주시', 33.5, 126.68, 4.0, 3.0, '조천읍 함덕리,조천읍 신촌리,구좌읍 세화리,구좌읍 김녕리'),
      d('서귀포시', 33.265, 126.53, 13.0, 2.5, '서귀동,동홍동,서홍동,토평동,강정동,법환동,중문동,대포동'),
      d('서귀포시', 33.33, 126.8, 5.0, 4.0, '남원읍 남원리,표선면 표선리,성산읍 고성리,성산읍 신양리'),
      d('서귀포시', 33.24, 126.27, 2.5, 3.0, '대정읍 하모리,대정읍 상모리,안덕면 화순리'),
    ],
  },
];

const PHARMACY_STEMS = [
  '온누리', '메디팜', '건강한', '행복한', '행복', '사랑', '새봄', '중앙', '우리', '365', '봄날', '하나',
  '참좋은', '미소', '튼튼', '제일', '대학', '성모', '열린', '보람', '태평양', '늘푸른', '새한', '동아',
  '현대', '녹십자', '정다운', '바른', '소망', '믿음', '푸른', '한마음', '가족', '희망', '으뜸', '한결',
  '초록', '다나', '위드팜', '옵티마', '건강', '새롬', '하늘', '약손', '편한', '햇살', '수호', '밝은',
] as const;

/** The 2020 API's codes: eight digits, the first telling the seller apart. */
const CODE_PREFIX: Record<StoreType, string> = { '01': '3', '02': '1', '03': '5' };

/** Seven digits after the prefix, so this many stores can get distinct codes. */
const CODE_SPACE = 10_000_000;

const INV_GOLDEN = 0.6180339887498949;
const KM_PER_DEG_LAT = 111.32;
/** Truncating the spread at two sigma keeps coastal stores on land; e^-2 is where that cut falls. */
const EXP_MINUS_2 = Math.exp(-2);

/** lowbias32: a cheap integer hash whose every output bit depends on every input bit. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function mulberry32(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedKey(seed: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mix32(lo ^ mix32(hi + 0x632be5ab));
}

/**
 * A keyed bijection of [0, CODE_SPACE): a 24-bit Feistel network, cycle-walked back into range.
 * Unique codes then follow from unique indexes without remembering which codes were handed out,
 * and neighbouring stores do not get neighbouring codes.
 */
function permuteCode(index: number, roundKeys: readonly number[]): number {
  let x = index;
  do {
    let left = x >>> 12;
    let right = x & 0xfff;
    for (const roundKey of roundKeys) {
      const next = left ^ (mix32(right ^ roundKey) & 0xfff);
      left = right;
      right = next;
    }
    x = (left << 12) | right;
  } while (x >= CODE_SPACE);
  return x;
}

interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
}

function weighted<T>(items: readonly T[], weightOf: (item: T) => number): Weighted<T> {
  let total = 0;
  const sums = items.map((item) => (total += weightOf(item)));
  return { items, cumulative: sums.map((sum) => sum / total) };
}

function pick<T>(table: Weighted<T>, u: number): T {
  const { items, cumulative } = table;
  let i = 0;
  while (i < items.length - 1 && u >= (cumulative[i] ?? 1)) i += 1;
  const item = items[i];
  if (item === undefined) throw new Error('empty weighted table');
  return item;
}

function pickUniform<T>(items: readonly T[], u: number): T {
  const item = items[Math.min(items.length - 1, Math.floor(u * items.length))];
  if (item === undefined) throw new Error('empty list');
  return item;
}

const PROVINCE_TABLE = weighted(DEMO_PROVINCES, (p) => p.population);

export interface DongCentre {
  readonly district: DemoDistrict;
  readonly dong: string;
  readonly lat: number;
  readonly lng: number;
}

/** Every dong centre of each province whose dongs all have one. */
export const DONG_CENTRES: ReadonlyMap<RegionCode, readonly DongCentre[]> = new Map(
  DEMO_PROVINCES.filter((p) => p.districts.every((x) => x.dongCentres?.length === x.dongs.length)).map((p) => [
    p.code,
    p.districts.flatMap((district) => district.dongs.map((dong, i) => ({ district, dong, lat: district.dongCentres?.[i]?.lat ?? 0, lng: district.dongCentres?.[i]?.lng ?? 0 }))),
  ]),
);

/** The dong centre nearest to a point; at the scale of a city, degrees of longitude shrunk by cos(lat) are distance enough. */
export function nearestDongCentre(centres: readonly DongCentre[], lat: number, lng: number): DongCentre {
  const shrink = Math.cos((lat * Math.PI) / 180);
  let best: DongCentre | undefined;
  let bestDistance = Infinity;
  for (const centre of centres) {
    const distance = (centre.lat - lat) ** 2 + ((centre.lng - lng) * shrink) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [centre, distance];
  }
  if (!best) throw new Error('no dong centres');
  return best;
}
const DISTRICT_TABLES = new Map(DEMO_PROVINCES.map((p) => [p.code, weighted(p.districts, (x) => x.weight)]));

const labels = new Map<string, string | undefined>();

/** Labels are cut with regexes, so each is cut once rather than once per store. */
function memo(key: string, cut: (text: string) => string | undefined): string | undefined {
  if (!labels.has(key)) labels.set(key, cut(key.slice(2)));
  return labels.get(key);
}

/** '논현동' → '논현', '애월읍 애월리' → '애월', '삼천동1가' → '삼천', '일도이동' → '일도'; too short keeps the whole. */
function cutDongLabel(dong: string): string {
  const head = dong.split(' ')[0] ?? dong;
  let label = head.replace(/\d+가$/, '');
  label = label.length >= 4 && /[일이삼]동$/.test(label) ? label.slice(0, -2) : label.replace(/\d*[동읍면리]$/, '');
  return label.length >= 2 ? label : head;
}

/** '강남구' → '강남', '수원시 장안구' → '수원'; none for one-syllable names like 중구, which read badly as a prefix. */
function cutDistrictLabel(district: string): string | undefined {
  const head = district.split(' ')[0] ?? '';
  const label = head.replace(/[시군구]$/, '');
  return label.length >= 2 ? label : undefined;
}

function dongLabel(dong: string): string {
  return memo(`d:${dong}`, cutDongLabel) ?? dong;
}

function districtLabel(district: string): string | undefined {
  return memo(`g:${district}`, cutDistrictLabel);
}

function storeName(type: StoreType, province: DemoProvince, district: DemoDistrict, dong: string, random: () => number): string {
  const place = dongLabel(dong);
  const area = districtLabel(district.name) ?? place;
  if (type === '02') return `${random() < 0.65 ? place : area}우체국`;
  if (type === '03') return `하나로마트 ${place}점`;
  const stem = pickUniform(PHARMACY_STEMS, random());
  const form = random();
  if (form < 0.5) return `${stem}약국`;
  if (form < 0.75) return `${place}${stem}약국`;
  if (form < 0.85) return `${area}${stem}약국`;
  if (form < 0.93) return `${province.shortName}${stem}약국`;
  return `${place}약국`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function generateStore(index: number, key: number, provinceOffset: number, roundKeys: readonly number[]): DemoStore {
  const random = mulberry32(mix32(key ^ mix32(index + 0x9e3779b9)));

  // The province comes from a golden-ratio sequence, not the PRNG: every prefix of the list then
  // matches the population shares closely, even the small provinces in a short list.
  const provinceU = (provinceOffset + index * INV_GOLDEN) % 1;
  const province = pick(PROVINCE_TABLE, provinceU);
  const districts = DISTRICT_TABLES.get(province.code);
  if (districts === undefined) throw new Error(`no districts for ${province.code}`);
  const drawn = pick(districts, random());
  const drawnDong = pickUniform(drawn.dongs, random());

  const typeU = random();
  const type: StoreType = typeU < 0.95 ? '01' : typeU < 0.98 ? '02' : '03';

  const radiusKm = drawn.sigmaKm * Math.sqrt(-2 * Math.log(EXP_MINUS_2 + (1 - EXP_MINUS_2) * random()));
  const angle = 2 * Math.PI * random();
  const lat = round6(drawn.lat + (radiusKm * Math.sin(angle)) / KM_PER_DEG_LAT);
  const lng = round6(drawn.lng + (radiusKm * Math.cos(angle)) / (KM_PER_DEG_LAT * Math.cos((drawn.lat * Math.PI) / 180)));
  // Where dong centres are known, the address is where the store stands, not where it was drawn from.
  const centres = DONG_CENTRES.get(province.code);
  const located = centres ? nearestDongCentre(centres, lat, lng) : { district: drawn, dong: drawnDong };
  const { district, dong } = located;

  // Jibun main numbers are mostly small, sub-numbers smaller still.
  const main = 1 + Math.floor(random() ** 2 * 1200);
  const sub = 1 + Math.floor(random() ** 2 * 60);
  const addr = [province.fullName, district.name, dong, `${main}-${sub}`].filter((part) => part !== '').join(' ');

  return {
    code: `${CODE_PREFIX[type]}${String(permuteCode(index, roundKeys)).padStart(7, '0')}`,
    name: storeName(type, province, district, dong, random),
    addr,
    type,
    lat,
    lng,
    regionCode: province.code,
  };
}

/**
 * `count` stores; the same (count, seed) always gives the same list, and store i depends only on
 * (seed, i), so `generateDemoStores(n, s)` is a prefix of `generateDemoStores(m, s)` for n <= m.
 */
export function generateDemoStores(count = 23_000, seed = 2020): DemoStore[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > CODE_SPACE) {
    throw new RangeError(`count must be an integer from 0 to ${CODE_SPACE}, got ${count}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const key = seedKey(seed);
  const provinceOffset = mix32(key ^ 0x5bd1e995) / 4294967296;
  const roundKeys = [mix32(key ^ 0x1), mix32(key ^ 0x2), mix32(key ^ 0x3), mix32(key ^ 0x4)];
  const stores: DemoStore[] = new Array(count);
  for (let index = 0; index < count; index += 1) stores[index] = generateStore(index, key, provinceOffset, roundKeys);
  return stores;
}
