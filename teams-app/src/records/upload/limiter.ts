/** Runs at most `max` tasks at once; the others wait in order. */
export function createLimiter(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return function run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const go = () => {
        running++;
        task().then(resolve, reject).finally(release);
      };
      if (running < max) go();
      else waiting.push(go);
    });
  };
}
