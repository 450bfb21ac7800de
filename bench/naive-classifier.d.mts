/** The symptom id of the first naive pattern that matches `text`, or `none`. */
export function naiveClassify(text: string): string;
