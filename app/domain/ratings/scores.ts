/** The safety scores, 1 (heel onveilig) to 5 (heel veilig). Plain, so the rating form does not pull zod into the browser. */
export const SCORES = [1, 2, 3, 4, 5] as const;
