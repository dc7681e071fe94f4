import { type ContactKind, CONTACT_KINDS } from "@tenfold/core";
import { DATES } from "./calendar.js";
import { type DraftOf, draft } from "./draft.js";
import { GROUPS } from "./roster.js";

/*
 * Each group's seven contact points, one of each kind: "to contact a village, a village Party
 * branch secretary, a poor households, a party, a difficult college-graduate village official and
 * a community, a non-public economic organizations of the party organization". The villages lie
 * in Xining's counties and rural towns, the communities in its four urban districts. Village,
 * person and enterprise names are fictional, except the report's own Ban Zhong Ying village.
 */

// model

/** One contact point of a group. */
export interface Contact {
  readonly groupId: string;
  readonly contactId: string;
  readonly contactKind: ContactKind;
  readonly contactName: string;
}

// constructors

interface Points {
  readonly village: string;
  readonly town: string;
  readonly county: string;
  readonly secretary: string;
  readonly poorHousehold: string;
  readonly partyMember: string;
  readonly graduate: string;
  readonly community: string;
  readonly enterprise: string;
}

/** Group by group: village, town, county; secretary, poor household, Party member, graduate official; community; enterprise. */
const TABLE: ReadonlyArray<readonly [string, string, string, string, string, string, string, string, string]> = [
  ["Ban Zhong Ying", "Lan Long Kou", "Huangzhong County", "Li Yongfu", "Ma Shengcai", "Zhao Guilan", "Han Xue",
    "Dongguan Street community, Chengdong District", "Xining Kunlun Carpet Weaving Co., Ltd."],
  ["Xiaozhai", "Duoba", "Huangzhong County", "Wang Youcai", "Zhang Delu", "Liu Fengying", "Chen Jing",
    "Nanchuan East Road community, Chengzhong District", "Qinghai Xueyu Highland Barley Foods Co., Ltd."],
  ["Yangjiagou", "Shangxinzhuang", "Huangzhong County", "Yang Chengfu", "Qi Wanfu", "Ma Shuying", "Li Na",
    "Wusi Street community, Chengxi District", "Xining Huangshui Logistics Co., Ltd."],
  ["Qianhe", "Dahua", "Huangyuan County", "Zhou Deshun", "Gao Shoulin", "Wang Xiulan", "Sun Peng",
    "Chaoyang East Road community, Chengbei District", "Qinghai Gaoyuan Yak Dairy Co., Ltd."],
  ["Baiyang", "Heping", "Huangyuan County", "Cairang Jiabu", "Suonan Jiacuo", "Li Guiying", "Zhao Lei",
    "Bayi Road community, Chengdong District", "Xining Qilian Building Materials Co., Ltd."],
  ["Majiazhuang", "Qiaotou", "Datong County", "Ma Youlin", "Han Baoshan", "Ma Fenglan", "Wei Ting",
    "Renmin Street community, Chengzhong District", "Xining Xiadu Printing Co., Ltd."],
  ["Lijiazhuang", "Changning", "Datong County", "Zhang Wanshan", "Lu Changfa", "Hu Yulan", "Yang Fan",
    "Shengli Road community, Chengxi District", "Qinghai Rilong Wool Textiles Co., Ltd."],
  ["Sunjiazhai", "Zongzhai", "Chengzhong District", "Sun Jinlong", "Li Fucai", "Zhou Shuhua", "Ma Li",
    "Xiaoqiao Avenue community, Chengbei District", "Xining Tongxin Property Services Co., Ltd."],
];

const POINTS: ReadonlyArray<Points> = TABLE.map(
  ([village, town, county, secretary, poorHousehold, partyMember, graduate, community, enterprise]) => ({
    village, town, county, secretary, poorHousehold, partyMember, graduate, community, enterprise,
  }),
);

const nameOf = (p: Points, kind: ContactKind): string => {
  switch (kind) {
    case "village":
      return `${p.village} village, ${p.town} town, ${p.county}`;
    case "village-party-secretary":
      return `${p.secretary}, Party-branch secretary of ${p.village} village`;
    case "poor-household":
      return `${p.poorHousehold}'s household, ${p.village} village`;
    case "party-member-in-difficulty":
      return `${p.partyMember}, Party member in difficulty, ${p.village} village`;
    case "college-graduate-village-official":
      return `${p.graduate}, college-graduate village official, ${p.village} village`;
    case "community":
      return p.community;
    case "non-public-enterprise-party-organization":
      return `Party organisation of ${p.enterprise}`;
  }
};

/** The id of a group's contact of a kind, e.g. `group-1.poor-household`. */
export const contactId = (groupId: string, kind: ContactKind): string => `${groupId}.${kind}`;

/** Every contact, group by group, each group's in the order of the contact kinds. */
export const CONTACTS: ReadonlyArray<Contact> = GROUPS.flatMap((g) => {
  const points = POINTS[g.index];
  if (points === undefined) return [];
  return CONTACT_KINDS.map((kind) => ({
    groupId: g.groupId,
    contactId: contactId(g.groupId, kind),
    contactKind: kind,
    contactName: nameOf(points, kind),
  }));
});

/** The short name of a group's contact village, e.g. `Ban Zhong Ying`. */
export const villageOf = (groupIndex: number): string => POINTS[groupIndex]?.village ?? "";

// utils

/** The drafts that assign every contact to its group. */
export const contactDrafts = (): ReadonlyArray<DraftOf<"MakeAssignment">> =>
  CONTACTS.map((c) => draft("MakeAssignment", { ...c, assignedOn: DATES.contactsAssigned }));
