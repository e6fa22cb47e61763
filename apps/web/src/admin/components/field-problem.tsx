/**
 * The attributes that tie a field to the problem shown under it (`FieldProblem` with the same
 * `id`), so a screen reader reads the problem when the field gets the focus.
 */
export const describedByProblem = (id: string, problem: string | null) => ({
  'aria-invalid': problem ? true : undefined,
  'aria-describedby': problem ? `${id}-problem` : undefined,
});

/** What is wrong with the field `id`, if anything. */
export const FieldProblem = ({ id, problem }: { id: string; problem: string | null }) =>
  problem ? (
    <p className="field__error" id={`${id}-problem`}>
      {problem}
    </p>
  ) : null;
