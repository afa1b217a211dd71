/** Space around a document's parts, in lines (templates/pdf/style.json `spacing`). */
export interface Spacing {
  title: number; // before a document's title
  heading: number; // before a section's head
  afterHeading: number; // after a title or a head
  dateline: number;
  opener: number;
  closer: number;
  table: number; // before and after a table
}

export const DEFAULT_SPACING: Spacing = {
  title: 0.5,
  heading: 1,
  afterHeading: 0.25,
  dateline: 0.25,
  opener: 0.25,
  closer: 0.5,
  table: 0.5,
};
