/**
 * Turkish vocabulary for the generated catalogue and orders: product words, colours, sizes, people and
 * places. Kept apart from the generators so the lists can grow without touching the logic.
 * @module
 */

/** VAT group of a product kind: textiles 10 %, accessories and goods 20 %, food 1 % (Turkish rates). */
export type TaxGroup = "%1" | "%10" | "%20";
/** How a kind is cut into variants: colour × size, colour only, or a single variant. */
export type VariantShape = "colorSize" | "numericSize" | "shoeSize" | "color" | "none";

export interface ProductKind {
  prefix: string;
  noun: string;
  taxGroup: TaxGroup;
  shape: VariantShape;
  /** Materials that make sense for it; empty = none in the name. */
  materials: readonly string[];
}

const CLOTH = ["Keten", "Pamuklu", "Organik Pamuk", "Viskon", "Saten", "Şifon", "Kadife", "Denim", "Poplin"];
const KNIT = ["Yün", "Triko", "Kaşmir", "Merinos Yün", "Polar", "Örme"];
const LEATHER = ["Deri", "Süet", "Hakiki Deri", "Vegan Deri", "Kanvas"];
const OUTER = ["Şişme", "Kaşe", "Su Geçirmez", "Yünlü", "Kapitone", "Deri"];

export const PRODUCT_KINDS: readonly ProductKind[] = [
  { prefix: "GML", noun: "Gömlek", taxGroup: "%10", shape: "colorSize", materials: CLOTH },
  { prefix: "KZK", noun: "Kazak", taxGroup: "%10", shape: "colorSize", materials: KNIT },
  {
    prefix: "TSR",
    noun: "Tişört",
    taxGroup: "%10",
    shape: "colorSize",
    materials: ["Pamuklu", "Organik Pamuk"],
  },
  { prefix: "HRK", noun: "Hırka", taxGroup: "%10", shape: "colorSize", materials: KNIT },
  { prefix: "SWT", noun: "Sweatshirt", taxGroup: "%10", shape: "colorSize", materials: ["Pamuklu", "Polar"] },
  { prefix: "ELB", noun: "Elbise", taxGroup: "%10", shape: "numericSize", materials: CLOTH },
  { prefix: "ETK", noun: "Etek", taxGroup: "%10", shape: "numericSize", materials: CLOTH },
  { prefix: "PNT", noun: "Pantolon", taxGroup: "%10", shape: "numericSize", materials: CLOTH },
  { prefix: "SRT", noun: "Şort", taxGroup: "%10", shape: "colorSize", materials: CLOTH },
  { prefix: "MNT", noun: "Mont", taxGroup: "%10", shape: "colorSize", materials: OUTER },
  { prefix: "KBN", noun: "Kaban", taxGroup: "%10", shape: "numericSize", materials: OUTER },
  {
    prefix: "CKT",
    noun: "Ceket",
    taxGroup: "%10",
    shape: "numericSize",
    materials: ["Keten", "Kadife", "Deri"],
  },
  { prefix: "YLK", noun: "Yelek", taxGroup: "%10", shape: "colorSize", materials: [...KNIT, "Şişme"] },
  {
    prefix: "PJM",
    noun: "Pijama Takımı",
    taxGroup: "%10",
    shape: "colorSize",
    materials: ["Pamuklu", "Saten"],
  },
  { prefix: "AYK", noun: "Ayakkabı", taxGroup: "%20", shape: "shoeSize", materials: LEATHER },
  { prefix: "BOT", noun: "Bot", taxGroup: "%20", shape: "shoeSize", materials: LEATHER },
  {
    prefix: "SNK",
    noun: "Spor Ayakkabı",
    taxGroup: "%20",
    shape: "shoeSize",
    materials: ["Kanvas", "Süet", "Örme"],
  },
  { prefix: "TRL", noun: "Terlik", taxGroup: "%20", shape: "shoeSize", materials: ["Deri", "Keçe", "Hasır"] },
  { prefix: "CNT", noun: "Çanta", taxGroup: "%20", shape: "color", materials: LEATHER },
  { prefix: "CZD", noun: "Cüzdan", taxGroup: "%20", shape: "color", materials: LEATHER },
  { prefix: "KMR", noun: "Kemer", taxGroup: "%20", shape: "color", materials: LEATHER },
  {
    prefix: "ESR",
    noun: "Eşarp",
    taxGroup: "%10",
    shape: "color",
    materials: ["İpek", "Şifon", "Saten", "Pamuklu"],
  },
  { prefix: "SAL", noun: "Şal", taxGroup: "%10", shape: "color", materials: ["Yün", "Kaşmir", "İpek"] },
  { prefix: "BRE", noun: "Bere", taxGroup: "%10", shape: "color", materials: KNIT },
  {
    prefix: "CRP",
    noun: "Çorap",
    taxGroup: "%10",
    shape: "colorSize",
    materials: ["Pamuklu", "Bambu", "Yün"],
  },
  { prefix: "KPA", noun: "Kupa", taxGroup: "%20", shape: "none", materials: ["Seramik", "Porselen", "Cam"] },
  {
    prefix: "HVL",
    noun: "Havlu",
    taxGroup: "%10",
    shape: "color",
    materials: ["Pamuklu", "Bambu", "Peştemal"],
  },
  {
    prefix: "NVR",
    noun: "Nevresim Takımı",
    taxGroup: "%10",
    shape: "color",
    materials: ["Pamuklu", "Saten"],
  },
  { prefix: "KHV", noun: "Türk Kahvesi 250 g", taxGroup: "%1", shape: "none", materials: [] },
  { prefix: "BAL", noun: "Çiçek Balı 850 g", taxGroup: "%1", shape: "none", materials: [] },
  { prefix: "LKM", noun: "Fıstıklı Lokum 500 g", taxGroup: "%1", shape: "none", materials: [] },
  { prefix: "PRF", noun: "Parfüm 100 ml", taxGroup: "%20", shape: "none", materials: [] },
  { prefix: "SBN", noun: "Zeytinyağlı Sabun", taxGroup: "%20", shape: "none", materials: [] },
];

export const AUDIENCES = ["Kadın", "Erkek", "Çocuk", "Bebek", "Unisex", "Genç"] as const;
export const ADJECTIVES = [
  "Slim Fit",
  "Oversize",
  "Basic",
  "Düğmeli",
  "Fermuarlı",
  "Kapüşonlu",
  "Çizgili",
  "Desenli",
  "Nakışlı",
  "Dökümlü",
  "Kısa Kollu",
  "Uzun Kollu",
  "Yüksek Bel",
  "Bağcıklı",
  "Işıltılı",
  "Pileli",
  "Kolsuz",
  "Balıkçı Yaka",
  "Geniş Paça",
  "Çiçekli",
  "Ekose",
  "Yıkamalı",
  "Şerit Detaylı",
  "Kuşgözü",
  "Üç İplik",
  "Ütü Gerektirmeyen",
] as const;
export const STYLES = ["Örgü", "Klasik", "Günlük", "Şık", "Spor", "Vintage", "Premium", "Yazlık", "Kışlık"];

/** Colour code (Nebim ColorCode, ≤ 10 chars) with its Turkish and English descriptions. */
export const COLORS: readonly { code: string; tr: string; en: string }[] = [
  { code: "BEY", tr: "Beyaz", en: "White" },
  { code: "SYH", tr: "Siyah", en: "Black" },
  { code: "LAC", tr: "Lacivert", en: "Navy" },
  { code: "KRM", tr: "Kırmızı", en: "Red" },
  { code: "YSL", tr: "Yeşil", en: "Green" },
  { code: "SRI", tr: "Sarı", en: "Yellow" },
  { code: "GRI", tr: "Gri", en: "Grey" },
  { code: "KHV", tr: "Kahverengi", en: "Brown" },
  { code: "BEJ", tr: "Bej", en: "Beige" },
  { code: "PMB", tr: "Pembe", en: "Pink" },
  { code: "MOR", tr: "Mor", en: "Purple" },
  { code: "TRC", tr: "Turuncu", en: "Orange" },
  { code: "EKR", tr: "Ekru", en: "Ecru" },
  { code: "BRD", tr: "Bordo", en: "Burgundy" },
  { code: "HAK", tr: "Haki", en: "Khaki" },
  { code: "ANT", tr: "Antrasit", en: "Anthracite" },
  { code: "IND", tr: "İndigo", en: "Indigo" },
  { code: "FUS", tr: "Fuşya", en: "Fuchsia" },
  { code: "CGL", tr: "Çağla Yeşili", en: "Almond Green" },
  { code: "AMV", tr: "Açık Mavi", en: "Light Blue" },
  { code: "TAS", tr: "Taş", en: "Stone" },
  { code: "MRD", tr: "Mürdüm", en: "Plum" },
  { code: "SMP", tr: "Şampanya", en: "Champagne" },
  { code: "HRD", tr: "Hardal", en: "Mustard" },
  { code: "FUM", tr: "Füme", en: "Smoke" },
  { code: "GMS", tr: "Gümüş", en: "Silver" },
];

/** Size code (ItemDim1Code) with its Turkish description. */
export const LETTER_SIZES: readonly { code: string; tr: string }[] = [
  { code: "XS", tr: "Çok Küçük (XS)" },
  { code: "S", tr: "Küçük (S)" },
  { code: "M", tr: "Orta (M)" },
  { code: "L", tr: "Büyük (L)" },
  { code: "XL", tr: "Çok Büyük (XL)" },
  { code: "XXL", tr: "İki Kat Büyük (XXL)" },
];
/** 36..44: even ones for clothes, runs of them for shoes (one description per code in cdItemDim1Desc). */
export const NUMERIC_SIZES: readonly { code: string; tr: string }[] = [36, 37, 38, 39, 40, 41, 42, 43, 44]
  .map(
    (n) => ({ code: String(n), tr: `${n} Beden` }),
  );

export const FIRST_NAMES = [
  "Ayşe",
  "Fatma",
  "Emine",
  "Zeynep",
  "Elif",
  "Şule",
  "Gülşen",
  "Özlem",
  "Büşra",
  "Çağla",
  "Nazlı",
  "İrem",
  "Dilek",
  "Şeyma",
  "Mehmet",
  "Mustafa",
  "Ahmet",
  "Ali",
  "Hüseyin",
  "İbrahim",
  "Murat",
  "Oğuz",
  "Barış",
  "Gökhan",
  "Çağrı",
  "Ümit",
  "Serkan",
  "İsmail",
  "Şükrü",
  "Tuğrul",
] as const;
export const LAST_NAMES = [
  "Yılmaz",
  "Kaya",
  "Demir",
  "Şahin",
  "Çelik",
  "Yıldız",
  "Yıldırım",
  "Öztürk",
  "Aydın",
  "Özdemir",
  "Arslan",
  "Doğan",
  "Kılıç",
  "Çetin",
  "Koç",
  "Kurt",
  "Özkan",
  "Şimşek",
  "Güneş",
  "Akgül",
  "Erdoğan",
  "Tekin",
  "Uğurlu",
  "Gündoğdu",
] as const;

export interface District {
  city: string;
  district: string;
  zip: string;
}

export const DISTRICTS: readonly District[] = [
  ...[
    ["Kadıköy", "34710"],
    ["Beşiktaş", "34353"],
    ["Üsküdar", "34662"],
    ["Şişli", "34381"],
    ["Bakırköy", "34140"],
    ["Ataşehir", "34750"],
    ["Fatih", "34080"],
    ["Sarıyer", "34450"],
    ["Beyoğlu", "34430"],
    ["Çekmeköy", "34782"],
  ].map(([district, zip]) => ({ city: "İstanbul", district: district!, zip: zip! })),
  ...[
    ["Çankaya", "06680"],
    ["Keçiören", "06280"],
    ["Yenimahalle", "06170"],
    ["Etimesgut", "06790"],
    ["Gölbaşı", "06830"],
  ].map(([district, zip]) => ({ city: "Ankara", district: district!, zip: zip! })),
  ...[
    ["Karşıyaka", "35540"],
    ["Bornova", "35040"],
    ["Konak", "35250"],
    ["Buca", "35390"],
    ["Çiğli", "35620"],
  ].map(([district, zip]) => ({ city: "İzmir", district: district!, zip: zip! })),
];

export const STREETS = [
  "Atatürk Cd.",
  "İstiklal Cd.",
  "Bağdat Cd.",
  "Moda Cd.",
  "Cumhuriyet Mah. Gül Sk.",
  "Şehit Mehmet Çavuş Sk.",
  "Gazi Mustafa Kemal Blv.",
  "İnönü Mah. Çınar Sk.",
  "Kıbrıs Şehitleri Cd.",
  "Özgürlük Mah. Menekşe Sk.",
  "Barış Mah. Ihlamur Sk.",
  "Halaskargazi Cd.",
] as const;

export const COMPANIES = [
  "Yıldız Tekstil Ltd. Şti.",
  "Güneş Mağazacılık A.Ş.",
  "Özkan Hediyelik Eşya Ltd. Şti.",
  "Çınar Danışmanlık A.Ş.",
  "Doğan Ticaret Ltd. Şti.",
] as const;
