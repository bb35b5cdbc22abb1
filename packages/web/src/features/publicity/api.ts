import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MediaCoverage, Post, PostItem, PublicCampaign, PublicPost } from '@zx/contract/publicity';
import { api, type RequestBody } from '../../api/client.ts';

export type { MediaCoverage, Post, PostItem, PublicCampaign, PublicPost };
export type PostBody = RequestBody<'post', '/publicity/posts'>;
export type PostText = RequestBody<'put', '/publicity/posts/{id}'>;
export type MediaBody = RequestBody<'post', '/publicity/media'>;

export const usePosts = (campaignId: number | null, ownOnly: boolean) =>
  useQuery({
    queryKey: ['publicity', 'posts', campaignId, ownOnly],
    queryFn: () =>
      api.GET('/publicity/posts', { params: { query: { campaignId: campaignId ?? undefined, ownOnly: ownOnly ? '1' : undefined, pageSize: 100 } } }),
    enabled: !!campaignId,
  });

export const useReviewQueue = (campaignId: number | null, enabled: boolean) =>
  useQuery({
    queryKey: ['publicity', 'queue', campaignId],
    queryFn: () => api.GET('/publicity/review-queue', { params: { query: { campaignId: campaignId ?? undefined, pageSize: 100 } } }),
    enabled: enabled && !!campaignId,
  });

export const usePost = (id: number | null) =>
  useQuery({ queryKey: ['publicity', 'post', id], queryFn: () => api.GET('/publicity/posts/{id}', { params: { path: { id: id! } } }), enabled: !!id });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['publicity'] });
}

export function usePostActions(id: number | null) {
  const invalidate = useInvalidate();
  const path = { params: { path: { id: id ?? 0 } } };
  return {
    create: useMutation({ mutationFn: (body: PostBody) => api.POST('/publicity/posts', { body }), onSuccess: invalidate }),
    save: useMutation({ mutationFn: (body: PostText) => api.PUT('/publicity/posts/{id}', { ...path, body }), onSuccess: invalidate }),
    submit: useMutation({ mutationFn: () => api.POST('/publicity/posts/{id}/submit', path), onSuccess: invalidate }),
    withdraw: useMutation({ mutationFn: () => api.POST('/publicity/posts/{id}/withdraw', path), onSuccess: invalidate }),
    remove: useMutation({ mutationFn: () => api.DELETE('/publicity/posts/{id}', path), onSuccess: invalidate }),
    review: useMutation({
      mutationFn: (body: { decision: 'approve' | 'return'; comment?: string | null }) => api.POST('/publicity/posts/{id}/review', { ...path, body }),
      onSuccess: invalidate,
    }),
  };
}

export const useMedia = (campaignId: number | null, q: { kind?: MediaCoverage['kind']; level?: MediaCoverage['level'] }) =>
  useQuery({
    queryKey: ['publicity', 'media', campaignId, q],
    queryFn: () => api.GET('/publicity/media', { params: { query: { campaignId: campaignId ?? undefined, kind: q.kind, level: q.level, pageSize: 100 } } }),
    enabled: !!campaignId,
  });

export function useMediaActions() {
  const invalidate = useInvalidate();
  return {
    save: useMutation({
      mutationFn: ({ id, body }: { id: number | null; body: MediaBody }) =>
        id ? api.PUT('/publicity/media/{id}', { params: { path: { id } }, body }) : api.POST('/publicity/media', { body }),
      onSuccess: invalidate,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.DELETE('/publicity/media/{id}', { params: { path: { id } } }), onSuccess: invalidate }),
  };
}

// The public portal: no session, so no redirect to the login page on an error.
export const usePublicCampaign = (id: number) =>
  useQuery({
    queryKey: ['public', 'campaign', id],
    queryFn: () => api.GET('/public/campaigns/{id}', { params: { path: { id } }, noAuthRedirect: true }),
    retry: false,
  });

export const usePublicPosts = (id: number, page: number) =>
  useQuery({
    queryKey: ['public', 'posts', id, page],
    queryFn: () => api.GET('/public/campaigns/{id}/posts', { params: { path: { id }, query: { page, pageSize: 10 } }, noAuthRedirect: true }),
    retry: false,
  });

export const usePublicPost = (id: number, postId: number) =>
  useQuery({
    queryKey: ['public', 'post', id, postId],
    queryFn: () => api.GET('/public/campaigns/{id}/posts/{postId}', { params: { path: { id, postId } }, noAuthRedirect: true }),
    retry: false,
  });
