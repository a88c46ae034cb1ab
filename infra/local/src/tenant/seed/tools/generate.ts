/**
 * Generates the demo town's roster CSVs (the shape a 校務支援 system exports) into ../data.
 * Deterministic (fixed PRNG seed): run once, commit the CSVs. `npx tsx infra/local/src/tenant/seed/tools/generate.ts`
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { toCsv } from "../csv.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "data");
const DOMAIN = "aoba-edu.example";
const SCHOOL_YEAR = 2026; // 令和8年度

let state = 20260401;
const rand = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

type Name = readonly [kanji: string, kana: string, romaji: string];
const SURNAMES: Name[] = [
  ["佐藤", "サトウ", "sato"],
  ["鈴木", "スズキ", "suzuki"],
  ["高橋", "タカハシ", "takahashi"],
  ["田中", "タナカ", "tanaka"],
  ["伊藤", "イトウ", "ito"],
  ["渡辺", "ワタナベ", "watanabe"],
  ["山本", "ヤマモト", "yamamoto"],
  ["中村", "ナカムラ", "nakamura"],
  ["小林", "コバヤシ", "kobayashi"],
  ["加藤", "カトウ", "kato"],
  ["吉田", "ヨシダ", "yoshida"],
  ["山田", "ヤマダ", "yamada"],
  ["佐々木", "ササキ", "sasaki"],
  ["山口", "ヤマグチ", "yamaguchi"],
  ["松本", "マツモト", "matsumoto"],
  ["井上", "イノウエ", "inoue"],
  ["木村", "キムラ", "kimura"],
  ["林", "ハヤシ", "hayashi"],
  ["斎藤", "サイトウ", "saito"],
  ["清水", "シミズ", "shimizu"],
  ["山崎", "ヤマザキ", "yamazaki"],
  ["森", "モリ", "mori"],
  ["池田", "イケダ", "ikeda"],
  ["橋本", "ハシモト", "hashimoto"],
  ["阿部", "アベ", "abe"],
  ["石川", "イシカワ", "ishikawa"],
  ["山下", "ヤマシタ", "yamashita"],
  ["中島", "ナカジマ", "nakajima"],
  ["石井", "イシイ", "ishii"],
  ["小川", "オガワ", "ogawa"],
  ["前田", "マエダ", "maeda"],
  ["岡田", "オカダ", "okada"],
  ["長谷川", "ハセガワ", "hasegawa"],
  ["藤田", "フジタ", "fujita"],
  ["後藤", "ゴトウ", "goto"],
  ["近藤", "コンドウ", "kondo"],
  ["村上", "ムラカミ", "murakami"],
  ["遠藤", "エンドウ", "endo"],
  ["青木", "アオキ", "aoki"],
  ["坂本", "サカモト", "sakamoto"],
  ["福田", "フクダ", "fukuda"],
  ["太田", "オオタ", "ota"],
  ["西村", "ニシムラ", "nishimura"],
  ["藤井", "フジイ", "fujii"],
  ["金子", "カネコ", "kaneko"],
  ["岡本", "オカモト", "okamoto"],
  ["藤原", "フジワラ", "fujiwara"],
  ["中野", "ナカノ", "nakano"],
  ["三浦", "ミウラ", "miura"],
  ["原田", "ハラダ", "harada"],
  ["中川", "ナカガワ", "nakagawa"],
  ["松田", "マツダ", "matsuda"],
  ["竹内", "タケウチ", "takeuchi"],
  ["小野", "オノ", "ono"],
  ["田村", "タムラ", "tamura"],
  ["中山", "ナカヤマ", "nakayama"],
  ["和田", "ワダ", "wada"],
  ["石田", "イシダ", "ishida"],
  ["上田", "ウエダ", "ueda"],
  ["森田", "モリタ", "morita"],
  ["柴田", "シバタ", "shibata"],
  ["酒井", "サカイ", "sakai"],
  ["工藤", "クドウ", "kudo"],
  ["横山", "ヨコヤマ", "yokoyama"],
  ["宮崎", "ミヤザキ", "miyazaki"],
  ["宮本", "ミヤモト", "miyamoto"],
  ["内田", "ウチダ", "uchida"],
  ["高木", "タカギ", "takagi"],
  ["安藤", "アンドウ", "ando"],
  ["谷口", "タニグチ", "taniguchi"],
  ["丸山", "マルヤマ", "maruyama"],
  ["今井", "イマイ", "imai"],
  ["武田", "タケダ", "takeda"],
  ["村田", "ムラタ", "murata"],
  ["上野", "ウエノ", "ueno"],
  ["杉山", "スギヤマ", "sugiyama"],
  ["増田", "マスダ", "masuda"],
  ["平野", "ヒラノ", "hirano"],
  ["大塚", "オオツカ", "otsuka"],
  ["千葉", "チバ", "chiba"],
  ["久保", "クボ", "kubo"],
  ["松井", "マツイ", "matsui"],
  ["小島", "コジマ", "kojima"],
  ["岩崎", "イワサキ", "iwasaki"],
  ["桜井", "サクライ", "sakurai"],
  ["野口", "ノグチ", "noguchi"],
  ["松尾", "マツオ", "matsuo"],
  ["菊地", "キクチ", "kikuchi"],
  ["木下", "キノシタ", "kinoshita"],
  ["野村", "ノムラ", "nomura"],
  ["新井", "アライ", "arai"],
  ["大野", "オオノ", "ohno"],
];
const ADULT_F: Name[] = [
  ["由美", "ユミ", "yumi"],
  ["恵子", "ケイコ", "keiko"],
  ["直美", "ナオミ", "naomi"],
  ["美香", "ミカ", "mika"],
  ["智子", "トモコ", "tomoko"],
  ["久美子", "クミコ", "kumiko"],
  ["真由美", "マユミ", "mayumi"],
  ["裕子", "ユウコ", "yuko"],
  ["明美", "アケミ", "akemi"],
  ["典子", "ノリコ", "noriko"],
  ["陽子", "ヨウコ", "yoko"],
  ["千尋", "チヒロ", "chihiro"],
  ["綾", "アヤ", "aya"],
  ["沙織", "サオリ", "saori"],
  ["麻衣", "マイ", "mai"],
  ["美穂", "ミホ", "miho"],
  ["香織", "カオリ", "kaori"],
  ["亜希子", "アキコ", "akiko"],
  ["理恵", "リエ", "rie"],
  ["奈々", "ナナ", "nana"],
  ["愛", "アイ", "ai"],
  ["瞳", "ヒトミ", "hitomi"],
  ["早苗", "サナエ", "sanae"],
  ["紀子", "ノリコ", "noriko"],
  ["幸子", "サチコ", "sachiko"],
];
const ADULT_M: Name[] = [
  ["誠", "マコト", "makoto"],
  ["浩", "ヒロシ", "hiroshi"],
  ["健一", "ケンイチ", "kenichi"],
  ["隆", "タカシ", "takashi"],
  ["大輔", "ダイスケ", "daisuke"],
  ["拓也", "タクヤ", "takuya"],
  ["直樹", "ナオキ", "naoki"],
  ["和也", "カズヤ", "kazuya"],
  ["健太", "ケンタ", "kenta"],
  ["剛", "ツヨシ", "tsuyoshi"],
  ["修", "オサム", "osamu"],
  ["哲也", "テツヤ", "tetsuya"],
  ["秀樹", "ヒデキ", "hideki"],
  ["達也", "タツヤ", "tatsuya"],
  ["亮", "リョウ", "ryo"],
  ["聡", "サトシ", "satoshi"],
  ["洋平", "ヨウヘイ", "yohei"],
  ["翔太", "ショウタ", "shota"],
  ["智之", "トモユキ", "tomoyuki"],
  ["正人", "マサト", "masato"],
  ["康弘", "ヤスヒロ", "yasuhiro"],
  ["俊介", "シュンスケ", "shunsuke"],
  ["雅之", "マサユキ", "masayuki"],
  ["博", "ヒロシ", "hiroshi"],
  ["一郎", "イチロウ", "ichiro"],
];
const CHILD_F: Name[] = [
  ["陽葵", "ヒマリ", "himari"],
  ["凛", "リン", "rin"],
  ["結菜", "ユイナ", "yuina"],
  ["葵", "アオイ", "aoi"],
  ["紬", "ツムギ", "tsumugi"],
  ["芽依", "メイ", "mei"],
  ["結衣", "ユイ", "yui"],
  ["咲良", "サクラ", "sakura"],
  ["莉子", "リコ", "riko"],
  ["美桜", "ミオ", "mio"],
  ["心春", "コハル", "koharu"],
  ["杏", "アン", "an"],
  ["澪", "ミオ", "mio"],
  ["詩", "ウタ", "uta"],
  ["花音", "カノン", "kanon"],
  ["柚葉", "ユズハ", "yuzuha"],
  ["彩葉", "イロハ", "iroha"],
  ["琴音", "コトネ", "kotone"],
  ["優奈", "ユウナ", "yuna"],
  ["千夏", "チナツ", "chinatsu"],
];
const CHILD_M: Name[] = [
  ["蓮", "レン", "ren"],
  ["陽翔", "ハルト", "haruto"],
  ["湊", "ミナト", "minato"],
  ["蒼", "アオイ", "aoi"],
  ["樹", "イツキ", "itsuki"],
  ["悠真", "ユウマ", "yuma"],
  ["大和", "ヤマト", "yamato"],
  ["朝陽", "アサヒ", "asahi"],
  ["颯真", "ソウマ", "soma"],
  ["律", "リツ", "ritsu"],
  ["陽太", "ヒナタ", "hinata"],
  ["奏太", "ソウタ", "sota"],
  ["悠人", "ユウト", "yuto"],
  ["結翔", "ユイト", "yuito"],
  ["隼", "ハヤト", "hayato"],
  ["健太郎", "ケンタロウ", "kentaro"],
  ["一颯", "イブキ", "ibuki"],
  ["晴", "ハル", "haru"],
  ["拓海", "タクミ", "takumi"],
  ["駿", "シュン", "shun"],
];

interface School {
  code: string;
  name: string;
  abbr: string;
  kind: "教育委員会" | "小学校" | "中学校";
  digit: number;
  phone: string;
}
const SCHOOLS: School[] = [
  { code: "boe", name: "青葉町教育委員会", abbr: "町教委", kind: "教育委員会", digit: 0, phone: "0120-555-100" },
  { code: "aoba-e", name: "青葉小学校", abbr: "青小", kind: "小学校", digit: 1, phone: "0120-555-201" },
  { code: "higashi-e", name: "東小学校", abbr: "東小", kind: "小学校", digit: 2, phone: "0120-555-202" },
  { code: "nishi-e", name: "西小学校", abbr: "西小", kind: "小学校", digit: 3, phone: "0120-555-203" },
  { code: "aoba-j", name: "青葉中学校", abbr: "青中", kind: "中学校", digit: 4, phone: "0120-555-301" },
];

const usedEmails = new Set<string>();
function email(given: Name, family: Name): string {
  const base = `${given[2]}.${family[2]}`;
  let candidate = base;
  for (let n = 2; usedEmails.has(candidate); n++) candidate = `${base}${n}`;
  usedEmails.add(candidate);
  return `${candidate}@${DOMAIN}`;
}
const usedNames = new Set<string>();
function person(female: boolean, adult: boolean): { family: Name; given: Name } {
  for (;;) {
    const family = pick(SURNAMES);
    const given = pick(adult ? (female ? ADULT_F : ADULT_M) : female ? CHILD_F : CHILD_M);
    const key = `${family[0]}${given[0]}`;
    if (!usedNames.has(key)) {
      usedNames.add(key);
      return { family, given };
    }
  }
}

const staffHeader = [
  "職員番号",
  "学校コード",
  "姓",
  "名",
  "姓カナ",
  "名カナ",
  "職名",
  "校務分掌",
  "担任学年",
  "担任組",
  "メール",
];
const staffRows: (string | number)[][] = [];
let staffSeq = 100001;
function addStaff(
  school: School,
  title: string,
  duties: string,
  grade: number | "",
  klass: number | "",
  female = rand() < 0.55,
) {
  const { family, given } = person(female, true);
  staffRows.push([
    String(staffSeq++),
    school.code,
    family[0],
    given[0],
    family[1],
    given[1],
    title,
    duties,
    grade,
    klass,
    email(given, family),
  ]);
}

const SUBJECTS_J = ["国語", "社会", "数学", "理科", "英語", "音楽", "美術", "保健体育", "技術・家庭", "数学"];
const DUTIES_J = [
  "生徒指導主事",
  "進路指導主事",
  "研究主任",
  "生徒会担当",
  "図書館担当",
  "情報教育担当",
  "特別支援教育コーディネーター",
  "部活動担当",
  "保健安全担当",
  "研究副主任",
];
const DUTIES_E = ["生徒指導主任", "研究主任", "特別支援教育コーディネーター", "情報教育担当", "図書担当", "体育担当"];

for (const school of SCHOOLS) {
  if (school.kind === "教育委員会") {
    addStaff(school, "教育長", "教育委員会", "", "", false);
    addStaff(school, "課長", "学校教育課長", "", "");
    addStaff(school, "指導主事", "学校教育課・教育課程担当", "", "");
    addStaff(school, "指導主事", "学校教育課・生徒指導担当", "", "");
    addStaff(school, "主事", "学務係", "", "");
    addStaff(school, "主事", "学務係・情報システム管理", "", "");
    continue;
  }
  const grades = school.kind === "小学校" ? 6 : 3;
  addStaff(school, "校長", "校長", "", "");
  addStaff(school, "教頭", "教頭", "", "");
  addStaff(school, "教諭", "教務主任", "", "");
  for (let g = 1; g <= grades; g++) {
    addStaff(school, "教諭", school.kind === "小学校" ? "学年主任" : `学年主任・${pick(SUBJECTS_J)}`, g, 1);
    addStaff(
      school,
      "教諭",
      school.kind === "小学校" ? pick(DUTIES_E) : `${pick(SUBJECTS_J)}・${pick(DUTIES_J)}`,
      g,
      2,
    );
  }
  const extra = school.kind === "小学校" ? 4 : 11;
  for (let i = 0; i < extra; i++) {
    addStaff(
      school,
      "教諭",
      school.kind === "小学校"
        ? i === 0
          ? "特別支援学級担任"
          : `専科（${pick(["音楽", "理科", "図画工作", "外国語"])}）`
        : `${SUBJECTS_J[i % SUBJECTS_J.length]}・${DUTIES_J[i % DUTIES_J.length]}`,
      "",
      "",
    );
  }
  addStaff(school, "養護教諭", "保健主事", "", "", true);
  addStaff(school, "事務職員", "事務長", "", "");
  addStaff(school, "事務職員", "学校事務", "", "");
}

const studentHeader = [
  "学籍番号",
  "学校コード",
  "学年",
  "組",
  "出席番号",
  "姓",
  "名",
  "姓カナ",
  "名カナ",
  "性別",
  "生年月日",
];
const guardianHeader = ["保護者番号", "学籍番号", "続柄", "姓", "名", "姓カナ", "名カナ", "連絡先メール"];
const studentRows: (string | number)[][] = [];
const guardianRows: (string | number)[][] = [];
const pad = (n: number, w: number) => String(n).padStart(w, "0");
const guardianMails = new Set<string>();
for (const school of SCHOOLS) {
  if (school.kind === "教育委員会") continue;
  const grades = school.kind === "小学校" ? 6 : 3;
  for (let g = 1; g <= grades; g++) {
    const entryYear = SCHOOL_YEAR - g + 1;
    const yearsOld = school.kind === "小学校" ? g : g + 6; // years of schooling
    let seq = 1;
    for (let k = 1; k <= 2; k++) {
      for (let n = 1; n <= 5; n++) {
        const female = rand() < 0.5;
        const { family, given } = person(female, false);
        const number = `${school.digit}${entryYear}${pad(seq++, 3)}`;
        // born between April 2 of (year - 6 - schooling + 1) and April 1 of the next year
        const start = Date.UTC(SCHOOL_YEAR - 6 - yearsOld, 3, 2);
        const birth = new Date(start + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10);
        studentRows.push([
          number,
          school.code,
          g,
          k,
          n,
          family[0],
          given[0],
          family[1],
          given[1],
          female ? "女" : "男",
          birth,
        ]);
        const relation = pick(["母", "母", "父", "父", "祖母"]);
        const gGiven = pick(relation === "父" ? ADULT_M : ADULT_F);
        let mail = `${family[2]}.${gGiven[2]}@example.jp`;
        for (let i = 2; guardianMails.has(mail); i++) mail = `${family[2]}.${gGiven[2]}${i}@example.jp`;
        guardianMails.add(mail);
        guardianRows.push([`G${number}`, number, relation, family[0], gGiven[0], family[1], gGiven[1], mail]);
      }
    }
  }
}

writeFileSync(
  join(out, "schools.csv"),
  toCsv(
    ["学校コード", "学校名", "略称", "種別", "電話番号"],
    SCHOOLS.map((s) => [s.code, s.name, s.abbr, s.kind, s.phone]),
  ),
);
writeFileSync(join(out, "staff.csv"), toCsv(staffHeader, staffRows));
writeFileSync(join(out, "students.csv"), toCsv(studentHeader, studentRows));
writeFileSync(join(out, "guardians.csv"), toCsv(guardianHeader, guardianRows));
console.log(
  `schools ${SCHOOLS.length}, staff ${staffRows.length}, students ${studentRows.length}, guardians ${guardianRows.length} → ${out}`,
);
