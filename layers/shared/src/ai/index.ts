/** AI replies: OpenAI client, pricing, prompts, turn-taking and the reply engine. */
export {};
