// Routes: the user's app at /, the operator console at /operator, public galleries at
// /g/:token (the path the API's SharedGallery.url gives). Each area has its own session and so its own urql client.
import { SessionProvider } from "./components/session-provider.tsx";
import { UserShell } from "./components/user-shell.tsx";
import { OperatorShell } from "./components/operator-shell.tsx";
import { matchPath, usePathname } from "./lib/router.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";
import { AvatarsPage } from "./pages/avatars-page.tsx";
import { AvatarPage } from "./pages/avatar-page.tsx";
import { GenerationPage } from "./pages/generation-page.tsx";
import { PricingPage } from "./pages/pricing-page.tsx";
import { ReferralsPage } from "./pages/referrals-page.tsx";
import { SupportPage } from "./pages/support-page.tsx";
import { SupportTicketPage } from "./pages/support-ticket-page.tsx";
import { SharedGalleryPage } from "./pages/shared-gallery-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { OperatorSignInPage } from "./pages/operator/operator-sign-in-page.tsx";
import { TicketQueuePage } from "./pages/operator/ticket-queue-page.tsx";
import { OperatorTicketPage } from "./pages/operator/operator-ticket-page.tsx";
import { UsersPage } from "./pages/operator/users-page.tsx";
import { PaymentsPage } from "./pages/operator/payments-page.tsx";
import { WithdrawalsPage } from "./pages/operator/withdrawals-page.tsx";
import { ContentPage } from "./pages/operator/content-page.tsx";

function userPage(path: string) {
  let params: Record<string, string> | null;
  if (path === "/") return <AvatarsPage />;
  if ((params = matchPath("/avatars/:id", path))) return <AvatarPage avatarId={params.id!} />;
  if ((params = matchPath("/jobs/:id", path))) return <GenerationPage jobId={params.id!} />;
  if (path === "/pricing") return <PricingPage />;
  if (path === "/referrals") return <ReferralsPage />;
  if (path === "/support") return <SupportPage />;
  if ((params = matchPath("/support/:id", path))) return <SupportTicketPage ticketId={params.id!} />;
  return <NotFoundPage />;
}

function operatorPage(path: string) {
  let params: Record<string, string> | null;
  if (path === "/operator" || path === "/operator/") return <TicketQueuePage />;
  if ((params = matchPath("/operator/tickets/:id", path))) return <OperatorTicketPage ticketId={params.id!} />;
  if (path === "/operator/users") return <UsersPage />;
  if (path === "/operator/payments") return <PaymentsPage />;
  if (path === "/operator/withdrawals") return <WithdrawalsPage />;
  if (path === "/operator/content") return <ContentPage />;
  return <NotFoundPage />;
}

export function App() {
  const path = usePathname();
  const gallery = matchPath("/g/:token", path);
  if (gallery) {
    return <SessionProvider kind="user">{() => <SharedGalleryPage token={gallery.token!} />}</SessionProvider>;
  }
  if (path === "/operator" || path.startsWith("/operator/")) {
    return (
      <SessionProvider kind="admin">
        {(signedIn) => (signedIn ? <OperatorShell>{operatorPage(path)}</OperatorShell> : <OperatorSignInPage />)}
      </SessionProvider>
    );
  }
  return (
    <SessionProvider kind="user">{(signedIn) => (signedIn ? <UserShell>{userPage(path)}</UserShell> : <SignInPage />)}</SessionProvider>
  );
}
