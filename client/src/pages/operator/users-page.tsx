// Users: search by name, @username or Telegram id; ban state at a glance.
import { useState } from "react";
import { useQuery } from "urql";
import { Empty, Loading, RequestError } from "../../components/states.tsx";
import { graphql } from "../../gql/index.ts";
import { formatDate } from "../../lib/format.ts";

const UsersQuery = graphql(`
  query UsersPage_UsersQuery($filter: AdminUsersFilter) {
    admin {
      users(first: 50, filter: $filter) {
        totalCount
        edges {
          node { id name telegramUsername telegramUserId isPro isBanned banReason createdAt }
        }
      }
    }
  }
`);

export function UsersPage() {
  const [search, setSearch] = useState("");
  const [{ data, fetching, error }] = useQuery({
    query: UsersQuery,
    variables: { filter: search.trim() ? { search: search.trim() } : null },
  });
  const users = data?.admin.users.edges ?? [];
  return (
    <>
      <h1>
        Users <span className="muted">({data?.admin.users.totalCount ?? "…"})</span>
      </h1>
      <input
        className="search"
        type="search"
        placeholder="Name, @username or Telegram id"
        aria-label="Search users"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {error && <RequestError error={error} />}
      {!data && fetching ? (
        <Loading what="Loading users" />
      ) : users.length === 0 ? (
        <Empty>
          <p>No users match.</p>
        </Empty>
      ) : (
        <table className="table table-rows">
          <thead>
            <tr>
              <th>Name</th>
              <th>Telegram</th>
              <th>Plan</th>
              <th>State</th>
              <th>Joined</th>
            </tr>
          </thead>
          <tbody>
            {users.map(({ node }) => (
              <tr key={node.id}>
                <td>{node.name ?? "—"}</td>
                <td>{node.telegramUsername ? `@${node.telegramUsername}` : (node.telegramUserId ?? "—")}</td>
                <td>{node.isPro ? "Pro" : "Free"}</td>
                <td>
                  {node.isBanned ? (
                    <span className="badge badge-failed" title={node.banReason ?? undefined}>
                      Banned
                    </span>
                  ) : (
                    "Active"
                  )}
                </td>
                <td>{formatDate(node.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
