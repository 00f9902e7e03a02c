// jstat ships no types: the little of it used here, as its source defines it.
declare module 'jstat' {
  interface OlsResult {
    /** Least-squares coefficients, one per column of the design matrix. */
    coef: number[];
    nobs: number;
    df_resid: number;
    t: {
      /** Standard errors of coef, from the residuals (sigmaHat). */
      se: number[];
      /** sqrt(residual sum of squares / df_resid). */
      sigmaHat: number;
    };
  }
  const jStat: {
    models: { ols(endog: number[], exog: number[][]): OlsResult };
    studentt: { inv(p: number, dof: number): number };
  };
  export default jStat;
}
