export function SignInPage() {
  return <div className="empty-state">Sign in</div>;
}

export function SignUpPage({ invitation }: { invitation?: string | undefined }) {
  return <div className="empty-state">Sign up {invitation}</div>;
}
