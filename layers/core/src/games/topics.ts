/** Icebreakers a round opens with: the same list for every round, drawn at random. */
const TOPICS = [
  'What did you have for breakfast?',
  'The best thing that happened to you this week',
  'A film you could watch again tonight',
  'Cats, dogs, or neither?',
  'The worst job you ever had',
  'Where would you go with a free plane ticket?',
  'A small thing that annoys you more than it should',
  'What are you listening to lately?',
  'The last thing you cooked',
  'An opinion you hold that most people do not',
];

export function pickTopic(random: () => number): string {
  return TOPICS[Math.floor(random() * TOPICS.length)] ?? TOPICS[0]!;
}
