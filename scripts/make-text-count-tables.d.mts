/** The contents of src/buttons/text-count-tables.ts, built from the installed reference packages. */
export function buildTextCountTables(): string;
