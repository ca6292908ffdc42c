/**
 * A Compose file that cannot become Kubernetes objects, naming the field
 * (`services.web.env_file`) and why. The backend answers it as a 400.
 *
 * @public
 */
export class ComposeError extends Error {
  readonly name = 'ComposeError';

  constructor(readonly field: string, reason: string) {
    super(field ? `${field}: ${reason}` : reason);
  }
}
