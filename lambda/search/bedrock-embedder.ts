import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { budgeted, CALL_ATTEMPTS, CALL_TIMEOUTS } from '../platform/budget';
import type { Embedding, TextEmbedder } from './embedder';

export const TITAN_TEXT_EMBEDDINGS_V2 = 'amazon.titan-embed-text-v2:0';
/** The output sizes Titan Text Embeddings V2 offers. */
export const TITAN_DIMENSIONS = [256, 512, 1024] as const;
export type TitanDimension = (typeof TITAN_DIMENSIONS)[number];

interface TitanResponse {
  readonly embedding: number[];
  readonly inputTextTokenCount: number;
}

/** Amazon Bedrock's Titan Text Embeddings V2, normalised, each call within the request's budget. */
export class BedrockEmbedder implements TextEmbedder {
  readonly model: string;

  constructor(
    readonly dimension: TitanDimension,
    private readonly client = new BedrockRuntimeClient({ maxAttempts: CALL_ATTEMPTS, requestHandler: CALL_TIMEOUTS }),
  ) {
    this.model = `${TITAN_TEXT_EMBEDDINGS_V2}/${dimension}`;
  }

  async embed(text: string): Promise<Embedding> {
    const response = await budgeted((abortSignal) =>
      this.client.send(
        new InvokeModelCommand({
          modelId: TITAN_TEXT_EMBEDDINGS_V2,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify({ inputText: text, dimensions: this.dimension, normalize: true }),
        }),
        { abortSignal },
      ),
    );
    const body = JSON.parse(new TextDecoder().decode(response.body)) as TitanResponse;
    return { vector: body.embedding, tokens: body.inputTextTokenCount };
  }
}
