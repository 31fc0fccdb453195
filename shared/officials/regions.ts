/**
 * The 17 provinces and metropolitan cities by the two-digit administrative codes of 2020 (the masks
 * data and the demo use them; Gangwon and Jeonbuk took new codes, 51 and 52, in 2023–24). A national
 * listing walks them in this order.
 */
export const REGION_CODES = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '42', '43', '44', '45', '46', '47', '48', '50'] as const;
export type RegionCode = (typeof REGION_CODES)[number];
