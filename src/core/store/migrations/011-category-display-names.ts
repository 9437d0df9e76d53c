/**
 * 011: categories.major and categories.minor become the spelling the app shows, decided in
 * one place (store/categoryNames.ts): a mixed-case spelling when any import used one, else
 * a careful title case of the capitals. Until now they held the first spelling imported, so
 * the 2022-ward files' "FRAUD AND FORGERY" stood beside the 2018-ward file's title case.
 * Every source spelling stays in category_spellings and matching still goes by key; no
 * schema changes, only the names are decided again, by `run`.
 */
import { refreshAllCategoryNames } from '../categoryNames';

export const sql = '';
export const run = refreshAllCategoryNames;
