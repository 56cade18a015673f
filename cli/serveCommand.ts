export async function runServeCommand(_files: string[], _options: { port?: string }): Promise<number> {
  return 2;
}
