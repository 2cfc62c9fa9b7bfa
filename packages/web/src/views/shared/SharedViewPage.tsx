export function SharedViewPage({ uuid }: { uuid: string }) {
  return <div className="empty-state">Shared view {uuid}</div>;
}
