export { Id, type IdBrand } from "./Id.js";
export { Text, type TextBrand } from "./Text.js";
export { Day, type DayBrand, daysInMonth, laterDay } from "./Day.js";
export { Count, type CountBrand } from "./Count.js";
export { Fen, type FenBrand, formatYuan } from "./Fen.js";
export { ContactKind, CONTACT_KINDS } from "./ContactKind.js";
export { ChecklistItem, DEFAULT_CHECKLIST } from "./ChecklistItem.js";
export { closed, listOf, nullable, type ListConstraints } from "./collections.js";
export { oneOf } from "./oneOf.js";
