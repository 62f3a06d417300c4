/**
 * The eight dihedral transforms of an image, computed on its 16x16 DCT instead of
 * re-hashing rotated pixels (PDQ paper, "Dihedral transformations";
 * ThreatExchange pdqhashing.cpp dct16OriginalTo*). A DCT basis function of odd
 * index is antisymmetric, so flipping an axis negates the odd-indexed rows or
 * columns, and rotating by 90 degrees is a transpose plus a flip.
 */

export const DIHEDRAL_NAMES = [
  "original",
  "rotate90",
  "rotate180",
  "rotate270",
  "flipX",
  "flipY",
  "flipPlus1",
  "flipMinus1",
] as const;

export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

type Transform = (a: Float64Array, b: Float64Array) => void;

function signedCopy(transpose: boolean, negate: (i: number, j: number) => boolean): Transform {
  return (a, b) => {
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        const v = negate(i, j) ? -a[i * 16 + j] : a[i * 16 + j];
        if (transpose) b[j * 16 + i] = v;
        else b[i * 16 + j] = v;
      }
    }
  };
}

export const DIHEDRAL_TRANSFORMS: Record<DihedralName, Transform> = {
  original: signedCopy(false, () => false),
  rotate90: signedCopy(true, (_i, j) => (j & 1) === 0),
  rotate180: signedCopy(false, (i, j) => ((i + j) & 1) === 1),
  rotate270: signedCopy(true, (i) => (i & 1) === 0),
  flipX: signedCopy(false, (i) => (i & 1) === 0),
  flipY: signedCopy(false, (_i, j) => (j & 1) === 0),
  flipPlus1: signedCopy(true, () => false),
  flipMinus1: signedCopy(true, (i, j) => ((i + j) & 1) === 1),
};
