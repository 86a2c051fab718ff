/**
 * What the server opened (upstream clients, caches, stores, features), closed through one list:
 * in reverse order of opening, each once, a failure in one not stopping the others. Start-up
 * closes the list when anything (including `listen`) fails, so nothing is left open.
 */

/** Something holding sockets, files or timers. */
export interface Closable {
  close(): Promise<void> | void;
}

/** The list of what is open. */
export class Resources {
  private readonly open: Array<{ name: string; resource: Closable }> = [];

  /** Remember `resource` (returned as is) so `closeAll` closes it. */
  add<T extends Closable>(name: string, resource: T): T {
    this.open.push({ name, resource });
    return resource;
  }

  /** Close everything, newest first; returns the names that failed to close. */
  async closeAll(onError: (name: string, error: unknown) => void = () => undefined): Promise<string[]> {
    const failed: string[] = [];
    for (let entry = this.open.pop(); entry !== undefined; entry = this.open.pop()) {
      try {
        await entry.resource.close();
      } catch (error) {
        failed.push(entry.name);
        onError(entry.name, error);
      }
    }
    return failed;
  }
}
