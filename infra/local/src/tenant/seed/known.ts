/**
 * Well-known seeded users for tests and demos (ids are fixed: deterministic from 職員番号/学籍番号,
 * see ids.ts; known.test.ts checks them against the loaded seed). Password: DEV_PASSWORD.
 */
export interface KnownUser {
  id: string;
  upn: string;
  displayName: string;
  schoolId: string;
  /** Kōmu roles the seed gives (per the group naming rule) */
  roles: readonly string[];
  admin?: boolean;
  staffNumber?: string;
  studentNumber?: string;
}

export const KNOWN_USERS = {
  /** 青葉小学校 校長 */
  aobaPrincipal: {
    id: "671b765b-b268-5c4d-b13e-b2d641326d55",
    upn: "shunsuke.matsuo@aoba-edu.example",
    displayName: "松尾 俊介",
    schoolId: "aoba-e",
    roles: ["principal"],
    staffNumber: "100007",
  },
  /** 青葉小学校 教頭 (vice principal) */
  aobaVicePrincipal: {
    id: "f3b1e0e0-4c7c-5f3a-9fdb-7e5a1cc80697",
    upn: "tomoko.kojima@aoba-edu.example",
    displayName: "小島 智子",
    schoolId: "aoba-e",
    roles: ["vicePrincipal"],
    staffNumber: "100008",
  },
  /** 青葉小学校 教務主任 */
  aobaHeadTeacher: {
    id: "0073ee14-e676-5c8b-9c64-8a42c7ffe4e4",
    upn: "satoshi.sakurai@aoba-edu.example",
    displayName: "桜井 聡",
    schoolId: "aoba-e",
    roles: ["teacher", "headTeacher"],
    staffNumber: "100009",
  },
  /** 青葉小学校 教諭・1年学年主任・1年1組担任 */
  aobaTeacher: {
    id: "2f7407c5-f970-5686-b3a9-b71c2bc7e23a",
    upn: "aya.ito@aoba-edu.example",
    displayName: "伊藤 綾",
    schoolId: "aoba-e",
    roles: ["teacher", "gradeHead"],
    staffNumber: "100010",
  },
  /** 青葉小学校 教諭・3年学年主任・3年1組担任 (homeroom of aobaStudent) */
  aobaGrade3Teacher: {
    id: "a99bb930-1bec-53e0-b41b-e551e39d2260",
    upn: "noriko.ueda@aoba-edu.example",
    displayName: "上田 紀子",
    schoolId: "aoba-e",
    roles: ["teacher", "gradeHead"],
    staffNumber: "100014",
  },
  /** 青葉小学校 養護教諭 */
  aobaNurse: {
    id: "31a11654-e526-510f-9114-a12e49065901",
    upn: "sachiko.ueda@aoba-edu.example",
    displayName: "上田 幸子",
    schoolId: "aoba-e",
    roles: ["nurse"],
    staffNumber: "100026",
  },
  /** 青葉小学校 事務職員 */
  aobaClerk: {
    id: "aa9b1011-a8c6-57d4-903e-590dcd15e5c2",
    upn: "kumiko.ogawa@aoba-edu.example",
    displayName: "小川 久美子",
    schoolId: "aoba-e",
    roles: ["clerk"],
    staffNumber: "100027",
  },
  /** 東小学校 教諭・1年学年主任 */
  higashiTeacher: {
    id: "35ec110d-8d71-5d14-ad2c-c2a948e24e2d",
    upn: "hideki.hasegawa@aoba-edu.example",
    displayName: "長谷川 秀樹",
    schoolId: "higashi-e",
    roles: ["teacher", "gradeHead"],
    staffNumber: "100032",
  },
  /** 青葉中学校 教諭・1年学年主任 */
  aobaJuniorTeacher: {
    id: "009bfe13-af49-5c90-b3f8-691ae7ddd81c",
    upn: "shunsuke.nishimura@aoba-edu.example",
    displayName: "西村 俊介",
    schoolId: "aoba-j",
    roles: ["teacher", "gradeHead"],
    staffNumber: "100076",
  },
  /** 青葉小学校 3年1組 児童 */
  aobaStudent: {
    id: "9296957a-41d8-5687-b569-1fef88ccea68",
    upn: "s12024001@aoba-edu.example",
    displayName: "安藤 奏太",
    schoolId: "aoba-e",
    roles: ["student"],
    studentNumber: "12024001",
  },
  /** 青葉中学校 1年1組 生徒 */
  aobaJuniorStudent: {
    id: "3d77fbb7-b060-5aaf-82b2-3c4f8069b8db",
    upn: "s42026001@aoba-edu.example",
    displayName: "佐藤 結衣",
    schoolId: "aoba-j",
    roles: ["student"],
    studentNumber: "42026001",
  },
  /** 教育委員会 教育長 */
  boardSuperintendent: {
    id: "ede9b637-bde1-555c-aa82-36f40d7017f2",
    upn: "yasuhiro.nishimura@aoba-edu.example",
    displayName: "西村 康弘",
    schoolId: "boe",
    roles: ["boardStaff"],
    staffNumber: "100001",
  },
  /** 教育委員会 主事・情報システム管理 (komu-admins) */
  boardAdmin: {
    id: "40cf40f3-db05-561d-b5d7-3410c4059e50",
    upn: "miho.okada@aoba-edu.example",
    displayName: "岡田 美穂",
    schoolId: "boe",
    roles: ["boardStaff"],
    admin: true,
    staffNumber: "100006",
  },
} as const satisfies Record<string, KnownUser>;

export const KNOWN_GROUPS = {
  admins: { id: "6f09520b-f103-5939-8103-9e48df296db4", mailNickname: "komu-admins" },
  aobaStaff: { id: "4276019a-72bf-52df-b42e-3da21d16e784", mailNickname: "komu-aoba-e-staff" },
} as const;

export const SCHOOL_IDS = ["boe", "aoba-e", "higashi-e", "nishi-e", "aoba-j"] as const;
