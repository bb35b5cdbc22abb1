/** What a route of `routes.tsx` declares for the shell; kept apart so the shell need not import the route table (and its pages). */
export interface RouteHandle {
  /** i18n key of the breadcrumb label. */
  crumb: string;
}
