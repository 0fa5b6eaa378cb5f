// payments: filled in by its domain module (issue 3).
export {};
