/** One figure in bench/results.json; `ratio` = value ÷ baseline, both measured in the same run. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline?: number;
  ratio?: number;
  notes?: string;
}
