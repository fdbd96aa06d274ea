/** A text as a unit-length vector whose cosine with another text's says how close their meanings are. */
export interface Embedding {
  readonly vector: number[];
  /** Input tokens the model counted (what Bedrock bills). */
  readonly tokens: number;
}

export interface TextEmbedder {
  /** Names the model and its dimension; an index built with one model cannot be queried with another. */
  readonly model: string;
  readonly dimension: number;
  /** Undefined when the text holds nothing the model can place (no known word). */
  embed(text: string): Promise<Embedding | undefined>;
}
