// SPDX-License-Identifier: Apache-2.0
import { DisruptionBudget } from '../../src';

describe('DisruptionBudget', () => {
  test('maxUnavailable sets only maxUnavailable', () => {
    expect(DisruptionBudget.maxUnavailable(1)._toSpec()).toEqual({ minAvailable: undefined, maxUnavailable: 1 });
  });
  test('maxUnavailablePercent renders a percentage', () => {
    expect(DisruptionBudget.maxUnavailablePercent(25)._toSpec()).toEqual({ minAvailable: undefined, maxUnavailable: '25%' });
  });
  test('minAvailable sets only minAvailable', () => {
    expect(DisruptionBudget.minAvailable(2)._toSpec()).toEqual({ minAvailable: 2, maxUnavailable: undefined });
  });
  test('minAvailablePercent renders a percentage', () => {
    expect(DisruptionBudget.minAvailablePercent(50)._toSpec()).toEqual({ minAvailable: '50%', maxUnavailable: undefined });
  });
  test('throws on maxUnavailable 0 (drains would hang)', () => {
    expect(() => DisruptionBudget.maxUnavailable(0)).toThrow(/Invalid PodDisruptionBudget maxUnavailable 0: must be an integer >= 1.*node drains hang/);
  });
  test('throws on a non-integer count', () => {
    expect(() => DisruptionBudget.minAvailable(1.5)).toThrow(/Invalid PodDisruptionBudget minAvailable 1.5: must be an integer >= 0/);
  });
  test('throws on maxUnavailablePercent 0', () => {
    expect(() => DisruptionBudget.maxUnavailablePercent(0)).toThrow(/maxUnavailable percentage 0: must be an integer from 1 to 100/);
  });
  test('throws on minAvailablePercent 100', () => {
    expect(() => DisruptionBudget.minAvailablePercent(100)).toThrow(/minAvailable percentage 100: must be an integer from 0 to 99/);
  });
  test('throws when minAvailable is not below the replica count', () => {
    expect(() => DisruptionBudget.minAvailable(3)._validateFor(3)).toThrow(/minAvailable 3 is not below the replica count 3/);
    expect(() => DisruptionBudget.minAvailable(2)._validateFor(3)).not.toThrow();
  });
});
