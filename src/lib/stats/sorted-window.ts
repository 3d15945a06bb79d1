/**
 * A multiset of numbers kept sorted, for medians and MADs over a window that slides one value at
 * a time: each step costs a binary search and a shift of at most the window's length, instead of
 * sorting the whole window again.
 */
export class SortedWindow {
  private readonly sorted: number[] = [];

  get size(): number {
    return this.sorted.length;
  }

  add(value: number): void {
    if (Number.isNaN(value)) throw new RangeError("A sorted window cannot hold NaN");
    this.sorted.splice(this.lowerBound(value), 0, value);
  }

  /** Removes one occurrence of `value` (which must be present). */
  remove(value: number): void {
    const at = this.lowerBound(value);
    if (this.sorted[at] !== value) throw new RangeError(`${value} is not in the window`);
    this.sorted.splice(at, 1);
  }

  median(): number {
    const n = this.sorted.length;
    if (n === 0) throw new RangeError("The median of an empty window is undefined");
    const middle = n >> 1;
    return n % 2 === 1 ? this.at(middle) : (this.at(middle - 1) + this.at(middle)) / 2;
  }

  /**
   * median |x − median| in O(size): the distances below the median, read from the middle down,
   * and those above it, read from the middle up, are each sorted already; merging the two lists
   * up to the middle rank gives the median distance.
   */
  mad(): number {
    const n = this.sorted.length;
    const center = this.median();
    let below = (n >> 1) - 1 + (n % 2); // last index whose value is ≤ center, walking down
    let above = below + 1;
    const next = (): number => {
      const down = below >= 0 ? center - this.at(below) : Infinity;
      const up = above < n ? this.at(above) - center : Infinity;
      if (down <= up) {
        below--;
        return down;
      }
      above++;
      return up;
    };
    const middle = n >> 1;
    let previous = 0;
    for (let rank = 0; rank < middle; rank++) previous = next();
    const current = next();
    return n % 2 === 1 ? current : (previous + current) / 2;
  }

  /** mean |x − median|. */
  meanAbsoluteDeviation(): number {
    const center = this.median();
    return this.sorted.reduce((sum, x) => sum + Math.abs(x - center), 0) / this.sorted.length;
  }

  private at(index: number): number {
    return this.sorted[index] as number;
  }

  /** The first index whose value is ≥ `value`. */
  private lowerBound(value: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.at(mid) < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
