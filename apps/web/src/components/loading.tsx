/** A quiet placeholder that still tells screen readers something is on its way. */
export const Loading = ({ label }: { label: string }) => (
  <p className="loading" role="status">
    <span className="spinner" aria-hidden="true" />
    {label}
  </p>
);
