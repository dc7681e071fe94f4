import { DATES } from "./calendar.js";
import { type DraftOf, draft } from "./draft.js";

/*
 * The eight Party-branch groups of the department's organs and its 43 cadres (fictional names).
 * The department head and four deputy heads form the leadership team; each leads one group.
 * Groups 6–8 are led by section chiefs.
 */

// model

/** One cadre of the department. */
export interface Cadre {
  readonly cadreId: string;
  readonly name: string;
  readonly groupId: string;
  readonly role: "leader" | "member";
  readonly leadershipTeam: boolean;
}

/** One Party-branch group, its cadres in table order (the leader first). */
export interface Group {
  /** 0-based place in formation order. */
  readonly index: number;
  readonly groupId: string;
  readonly name: string;
  readonly cadres: ReadonlyArray<Cadre>;
}

// constructors

/** Office of each group, whether its leader is on the leadership team, and its cadres (leader first). */
const GROUP_TABLE: ReadonlyArray<readonly [office: string, ledByLeadershipTeam: boolean, cadres: ReadonlyArray<string>]> = [
  ["General Office", true, ["Ma Jianguo", "Li Shufen", "Zhang Wei", "Han Yuping", "Zhao Dongmei", "Qi Haiyan"]],
  ["Cadre Section One", true, ["Wang Jinhai", "Liu Hongxia", "Chen Zhiqiang", "Bao Xiaoling", "Zhu Wenbin", "Cairang Dongzhi"]],
  ["Cadre Section Two", true, ["Yang Guoqing", "Hu Lanying", "Sun Jiawei", "Ma Xiuying", "Ge Yongsheng", "Lu Jing"]],
  ["Grassroots Organisation Section", true, ["Zhou Mingde", "Wei Shuzhen", "Tian Xiaobo", "Ma Yanling", "Xu Hao"]],
  ["Cadre Education Section", true, ["Li Changshun", "Zhang Yufang", "Han Zhijun", "Gao Li", "Lamu Zhuoma"]],
  ["Talent Work Office", false, ["Zhao Yongqiang", "Liu Meiling", "Ma Fuxiang", "Sun Yan", "Wang Deming"]],
  ["Veteran Cadres Section", false, ["Chen Guilan", "Yang Shiming", "Li Xiaoyan", "Qi Zhenhua", "Hu Bin"]],
  ["Cadre Supervision Section", false, ["Zhang Fengqin", "Ma Wenxue", "Lu Haitao", "Zhu Xia", "Bai Yongfu"]],
];

const buildGroups = (): ReadonlyArray<Group> => {
  let serial = 0;
  return GROUP_TABLE.map(([office, ledByLeadershipTeam, names], index) => {
    const groupId = `group-${index + 1}`;
    const cadres = names.map((name, place): Cadre => {
      serial += 1;
      return {
        cadreId: `cadre-${String(serial).padStart(2, "0")}`,
        name,
        groupId,
        role: place === 0 ? "leader" : "member",
        leadershipTeam: ledByLeadershipTeam && place === 0,
      };
    });
    return { index, groupId, name: `Party branch group ${index + 1}: ${office}`, cadres };
  });
};

/** The eight groups, in formation order. */
export const GROUPS: ReadonlyArray<Group> = buildGroups();

/** All 43 cadres, group by group. */
export const CADRES: ReadonlyArray<Cadre> = GROUPS.flatMap((g) => g.cadres);

/** The leadership team (the department head first, then the four deputy heads). */
export const LEADERSHIP_TEAM: ReadonlyArray<Cadre> = CADRES.filter((c) => c.leadershipTeam);

// utils

/** The drafts that form the groups and enroll every cadre, in that order. */
export const rosterDrafts = (): ReadonlyArray<DraftOf<"FormGroup"> | DraftOf<"EnrollCadre">> => [
  ...GROUPS.map((g) => draft("FormGroup", { groupId: g.groupId, name: g.name, formedOn: DATES.groupsFormed })),
  ...CADRES.map((c) => draft("EnrollCadre", { ...c, enrolledOn: DATES.groupsFormed })),
];
