/** A mistake the model made (bad path, no match...): one message for the model, one for people. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    readonly modelMessage: string,
    readonly userMessage: string = modelMessage,
  ) {
    super(userMessage);
  }
}
