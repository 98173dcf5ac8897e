export const dup = 1;
export const only1 = 1;
