// Resource ids are UUIDs. An address with anything else cannot name a resource, so screens show "not found"
// at once instead of asking the API and reporting its "invalid path" as a failure worth retrying.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isResourceId(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}
