/** The Strategic Assessment's standard blocks for one area, category and year, as data and as sentences. */
import type { CountComparison, Quartiles, Rag, Seasonality } from './analysis';
import type { YearBasis } from './populationBasis';

export interface FactsSpec {
  /** Dataset key; by default the ward dataset covering both years, else a borough dataset. */
  dataset?: string;
  /** A borough (name or ONS code). */
  area: string;
  /** A category: minor name or key ("Burglary - Residential"), or a major category ("Burglary"). */
  category: string;
  year: number;
  /** The year compared with; default the year before. */
  compare?: number;
  /** Calendar years (default) or financial years starting in April of `year`. */
  yearKind?: 'calendar' | 'financial';
  /** Boroughs for the nearest-neighbour table (names or codes). */
  neighbours?: string[];
  /** Use this population year for both years' rates; by default each year's own. */
  populationYear?: number;
}

export interface AreaFigures extends CountComparison {
  key: string;
  name: string;
  /**
   * Set when the series breaks within the years compared ("the recording of Domestic Burglary
   * changed in Apr–May 2023"): the test is then withheld, as the years are not like for like.
   */
  seriesBreak?: string;
}

export interface WardFigures extends AreaFigures {
  rank: number | null;
}

export interface NeighbourRow extends AreaFigures {
  quartile: 1 | 2 | 3 | 4 | null;
  rag: Rag | null;
}

export interface MonthFigure {
  /** "YYYY-MM" of the current year's month, and its label ("Jan 2022"). */
  month: string;
  label: string;
  previous: number | null;
  current: number | null;
}

export interface RollingPoint {
  month: string;
  label: string;
  total: number | null;
}

/** A ward-level dataset the assessment could switch to: its first and last months ("Apr 2010"). */
export interface WardDatasetChoice {
  key: string;
  name: string;
  from: string;
  to: string;
  /** Whether it holds the category asked for under the same name. */
  sameCategory: boolean;
}

export interface LikeForLike {
  /** "Sep–Dec 2020" and "Sep–Dec 2021". */
  previous: string;
  current: string;
  figures: AreaFigures;
  sentences: string[];
}

export interface Findings {
  dataset: { key: string; name: string };
  area: { key: string; name: string };
  category: { key: string; label: string; level: 'minor' | 'major' };
  years: { previous: string; current: string; kind: 'calendar' | 'financial' };
  populationYears: { previous: number | null; current: number | null; fixed: boolean };
  quickFacts: AreaFigures & { sentences: string[] };
  wards: { rows: WardFigures[]; highest: WardFigures[]; rises: WardFigures[]; falls: WardFigures[]; sentences: string[] } | null;
  months: { rows: MonthFigure[]; seasonality: Seasonality; sentences: string[] };
  rollingYear: { points: RollingPoint[]; latest: { total: number | null; previousTotal: number | null; percentChange: number | null }; sentences: string[] };
  neighbours: { rows: NeighbourRow[]; london: AreaFigures | null; quartiles: Quartiles | null; sentences: string[] } | null;
  /**
   * Set when the data lacks months of either year: the whole years are then not compared, and
   * this compares the same months of both ("Sep–Dec 2020" against "Sep–Dec 2021"). Null when
   * the years share no month.
   */
  likeForLike?: LikeForLike | null;
  /** For a year the data lacks months of, what it holds ("only Sep–Dec"); null for a whole year. */
  heldMonths?: { previous: string | null; current: string | null };
  /**
   * When the dataset is by borough (no ward block): the ward-level datasets in the workspace
   * that hold the year reported on for this borough, to switch to. Empty: none is held.
   */
  wardDatasets?: WardDatasetChoice[];
  caveats: string[];
  /**
   * The files the figures come from: each crime file with the months of it the assessment
   * counts ("2023-02 to 2023-12"), and only the population files whose figures give a rate.
   */
  sources: {
    imports: { file: string; months: string; finishedAt: string }[];
    populations: string;
    populationFiles?: string[];
    /** Whether each population year the rates use is an estimate or a projection, as its source says. */
    populationBases?: YearBasis[];
  };
}
