export function SharedFormPage({ uuid }: { uuid: string }) {
  return <div className="empty-state">Shared form {uuid}</div>;
}
