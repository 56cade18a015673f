export async function runDemoCommand(_options: { out?: string }): Promise<number> {
  return 2;
}
