/** Rule `omission-row`: a line of spaced dots (`. . . . . . .`) marks text the source's editors left out. */
export const isOmissionRow = (text: string): boolean =>
  /^(?:\.\s*){3,}$/.test(text.trim()) || /^…$/.test(text.trim());
